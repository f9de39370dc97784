import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { findLogo, listNumberSeries, logoInfo } from '../../db/repositories/settings.ts';
import type { Ctx } from '../../services/context.ts';
import { AddressInput, ElectronicAddressInput } from '../../services/inputs.ts';
import { MAX_LOGO_BYTES, removeLogo, setLogo, setNumberSeries, updateSettings } from '../../services/auth/settings.ts';
import { Line, NumberSeriesView, SettingsView, numberSeriesView, settingsView } from '../auth/views.ts';
import { sendFailure } from '../errors.ts';
import { ErrorSchema } from '../views.ts';

const tags = ['settings'];
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema, 422: ErrorSchema };
const NullableText = (max: number) => Type.Union([Line(max), Type.Null()]);

export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Logos arrive as the raw image body, which no cross-site HTML form can send.
  app.addContentTypeParser(['image/png', 'image/jpeg'], { parseAs: 'buffer', bodyLimit: MAX_LOGO_BYTES }, (_request, body, done) => done(null, body));

  async function current({ ctx }: { ctx: Ctx }) {
    const { db, orgId } = ctx;
    const org = await findOrganization(db, orgId);
    if (!org) throw new Error(`Organization ${orgId} vanished during the request`);
    return settingsView(org, await listNumberSeries(db, orgId), await logoInfo(db, orgId));
  }

  app.get('/settings', { config: { permission: 'settings:read' }, schema: { tags, summary: "The organization's settings", response: { 200: SettingsView } } }, async (request) => current(request));

  app.patch(
    '/settings',
    { config: { permission: 'settings:write' },
      schema: {
        tags,
        summary: 'Change organization settings',
        body: Type.Object(
          {
            name: Type.Optional(Line(200, 1)),
            legalName: Type.Optional(NullableText(200)),
            taxId: Type.Optional(NullableText(50)),
            address: Type.Optional(AddressInput),
            baseCurrency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
            locale: Type.Optional(Line(10)),
            timeZone: Type.Optional(Line(64)),
            country: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Z]{2}$' }), Type.Null()])),
            defaultPaymentTerms: Type.Optional(Line(30)),
            electronicAddress: Type.Optional(Type.Union([ElectronicAddressInput, Type.Null()])),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: SettingsView, ...errors },
      },
    },
    async (request, reply) => {
      const result = await updateSettings(request.ctx, request.body);
      return result.ok ? current(request) : sendFailure(reply, result);
    },
  );

  app.put(
    '/settings/number-series/:series',
    { config: { permission: 'settings:write' },
      schema: {
        tags,
        summary: 'Set the prefix, zero padding and next number of a document series (INV, CN…); numbers already used are never given again',
        params: Type.Object({ series: Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' }) }),
        body: Type.Object(
          {
            prefix: Line(20),
            padding: Type.Integer({ minimum: 0, maximum: 12 }),
            nextNumber: Type.Integer({ minimum: 1, maximum: 999_999_999_999 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: NumberSeriesView, ...errors },
      },
    },
    async (request, reply) => {
      const result = await setNumberSeries(request.ctx, request.params.series, request.body);
      return result.ok ? numberSeriesView(result.value) : sendFailure(reply, result);
    },
  );

  app.get('/settings/logo', { config: { permission: 'settings:read' }, schema: { tags, summary: 'The logo image', response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), 404: ErrorSchema } } }, async (request, reply) => {
    const logo = await findLogo(request.ctx.db, request.ctx.orgId);
    if (!logo) return sendFailure(reply, { code: 'LOGO_NOT_FOUND', message: 'There is no logo' });
    return reply.type(logo.contentType).header('content-security-policy', "default-src 'none'").header('cache-control', 'private, no-cache').send(logo.data);
  });

  app.put(
    '/settings/logo',
    { config: { permission: 'settings:write' }, schema: { tags, summary: 'Upload the logo: the raw PNG or JPEG (at most 512 KB) as the body, with Content-Type image/png or image/jpeg', response: { 200: SettingsView, ...errors } } },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) return sendFailure(reply, { code: 'INVALID_IMAGE', message: 'Send the image itself with Content-Type image/png or image/jpeg' });
      const declared = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const result = await setLogo(request.ctx, request.body, declared);
      return result.ok ? current(request) : sendFailure(reply, result);
    },
  );

  app.delete('/settings/logo', { config: { permission: 'settings:write' }, schema: { tags, summary: 'Remove the logo', response: { 200: SettingsView, ...errors } } }, async (request, reply) => {
    const result = await removeLogo(request.ctx);
    return result.ok ? current(request) : sendFailure(reply, result);
  });
};
