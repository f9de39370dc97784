export { EPC_MAX_VERSION, QUIET_ZONE_MODULES, renderPaymentQr, type RenderedQr, type RenderOptions } from './render-qr.ts';
