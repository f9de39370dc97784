import type { ElectronicAddress } from '../domain/electronic-address.ts';
import type { CreateBankAccountInput } from './documents/bank-accounts.ts';
import type { VatCategory } from '../domain/vat-category.ts';
import type { Address } from '../db/schema/index.ts';

// The demo organization, a Romanian agency, and its customers: small businesses of the five first markets and
// a few EU/US clients, with the currencies, languages, time zones, tax rates and e-invoicing addresses they
// would really have. Romanian CUIs and GLNs carry valid check digits; the other identifiers are made up.

export const DEMO_ORGANIZATION: { readonly name: string; readonly legalName: string; readonly taxId: string; readonly country: string; readonly address: Address; readonly electronicAddress: ElectronicAddress } = {
  name: 'Lumen Studio',
  legalName: 'Lumen Studio SRL',
  taxId: 'RO40123452',
  country: 'RO',
  address: { line1: 'Str. Horea 7', city: 'Cluj-Napoca', postalCode: '400174', region: 'RO-CJ', country: 'RO' },
  // Peppol participant identifier: the Romanian VAT number under scheme 9947.
  electronicAddress: { scheme: '9947', value: 'RO40123452' },
};

/**
 * Where the studio is paid, one account per invoicing currency, so every demo invoice prints its country's
 * payment QR: EPC for EUR, VietQR for VND, GOST for RUB, transfer details for the rest. The IBANs carry valid
 * check digits; the accounts are made up.
 */
export const DEMO_BANK_ACCOUNTS: readonly CreateBankAccountInput[] = [
  { currency: 'RON', iban: 'RO24BTRLRONCRT0000000001', bic: 'BTRLRO22', bankName: 'Banca Transilvania' },
  { currency: 'EUR', iban: 'RO44BTRLEURCRT0000000002', bic: 'BTRLRO22', bankName: 'Banca Transilvania' },
  { currency: 'USD', iban: 'RO21BTRLUSDCRT0000000003', bic: 'BTRLRO22', bankName: 'Banca Transilvania' },
  { currency: 'VND', accountNumber: '0011001932418', vietBankBin: '970436', bankName: 'Vietcombank' },
  { currency: 'RUB', accountNumber: '40702810138000012345', bic: '044525225', correspondentAccount: '30101810400000000225', bankName: 'ПАО Сбербанк' },
  { currency: 'IDR', accountNumber: '1234567890', bic: 'CENAIDJA', bankName: 'Bank Central Asia' },
];

export interface DemoCustomer {
  readonly ref: string;
  readonly name: string;
  readonly legalName: string;
  readonly taxId: string;
  readonly electronicAddress: ElectronicAddress;
  readonly address: Address & { readonly country: string };
  readonly locale: 'en' | 'vi' | 'id' | 'ru' | 'ro';
  readonly timeZone: string;
  readonly currency: string;
  readonly terms: string;
  readonly contact: string;
  readonly email: string;
  readonly phone: string;
  /** The VAT rate charged on a domestic (or locally taxed) supply; EU customers abroad get none, see demoLineVat. */
  readonly taxRateBp: number;
  /** How this customer pays: share of invoices paid, typical days late. */
  readonly habit: 'prompt' | 'late' | 'very_late' | 'partial';
  readonly tags: readonly string[];
}

/** A street address; the region is the ISO 3166-2 county code in Romania, as CIUS-RO asks. */
const a = (country: string, city: string, line1: string, postalCode: string, region: string) => ({ line1, city, postalCode, region, country });

const c = (
  ref: string, name: string, legalName: string, taxId: string, participant: string, address: DemoCustomer['address'], locale: DemoCustomer['locale'], timeZone: string,
  currency: string, terms: string, contact: string, email: string, phone: string, taxRateBp: number, habit: DemoCustomer['habit'], tags: string[] = [],
): DemoCustomer => {
  // "0088:5790000435975": a Peppol participant identifier, scheme then identifier.
  const [scheme = '', value = ''] = participant.split(':');
  return { ref, name, legalName, taxId, electronicAddress: { scheme, value }, address, locale, timeZone, currency, terms, contact, email, phone, taxRateBp, habit, tags };
};

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  c('C-001', 'Sao Mai Trading', 'Công ty TNHH Thương mại Sao Mai', '0312345678', '0088:8936123450014', a('VN', 'Thành phố Hồ Chí Minh', '45 Lê Lợi, Phường Bến Nghé, Quận 1', '700000', 'Thành phố Hồ Chí Minh'), 'vi', 'Asia/Ho_Chi_Minh', 'VND', 'net_30', 'Nguyễn Thị Lan', 'lan.nguyen@saomai.example', '+84901234567', 1000, 'late', ['retail']),
  c('C-002', 'Hà Nội Coffee Roasters', 'Công ty Cổ phần Cà phê Hà Nội', '0109876543', '0088:8936045210031', a('VN', 'Hà Nội', '18 Hàng Bạc, Quận Hoàn Kiếm', '100000', 'Hà Nội'), 'vi', 'Asia/Ho_Chi_Minh', 'VND', 'net_15', 'Trần Văn Minh', 'minh.tran@hncoffee.example', '+84912345678', 800, 'prompt', ['food']),
  c('C-003', 'Đà Nẵng Logistics', 'Công ty TNHH Vận tải Đà Nẵng', '0401234567', '0088:8935872100041', a('VN', 'Đà Nẵng', '210 Bạch Đằng, Quận Hải Châu', '550000', 'Đà Nẵng'), 'vi', 'Asia/Ho_Chi_Minh', 'VND', 'eom_15', 'Lê Hoàng Phúc', 'phuc.le@dnlogistics.example', '+84935123456', 1000, 'very_late', ['logistics']),
  c('C-004', 'Mekong Furniture', 'Công ty TNHH Nội thất Mekong', '1801234567', '0088:8936500120073', a('VN', 'Cần Thơ', '72 Trần Hưng Đạo, Quận Ninh Kiều', '900000', 'Cần Thơ'), 'vi', 'Asia/Ho_Chi_Minh', 'VND', 'net_30', 'Phạm Thu Hà', 'ha.pham@mekongfurniture.example', '+84939876543', 1000, 'partial'),
  c('C-005', 'Saigon Dental Clinic', 'Phòng khám Nha khoa Sài Gòn', '0315556677', '0088:8936118700025', a('VN', 'Thành phố Hồ Chí Minh', '120 Nguyễn Thị Minh Khai, Quận 3', '700000', 'Thành phố Hồ Chí Minh'), 'vi', 'Asia/Ho_Chi_Minh', 'VND', 'due_on_receipt', 'Võ Minh Khoa', 'khoa.vo@saigondental.example', '+84908765432', 800, 'prompt', ['health']),
  c('C-006', 'Nusantara Kopi', 'PT Nusantara Kopi Sejahtera', '01.234.567.8-012.000', '0088:8999123400014', a('ID', 'Jakarta', 'Jl. Jenderal Sudirman Kav. 52', '12190', 'DKI Jakarta'), 'id', 'Asia/Jakarta', 'IDR', 'net_30', 'Budi Santoso', 'budi@nusantarakopi.example', '+628123456789', 1100, 'late', ['food']),
  c('C-007', 'Bali Villa Rentals', 'CV Bali Villa Nusantara', '02.345.678.9-901.000', '0088:8998456000038', a('ID', 'Denpasar', 'Jl. Teuku Umar No. 88', '80114', 'Bali'), 'id', 'Asia/Makassar', 'IDR', 'net_14', 'Ni Kadek Ayu', 'ayu@balivilla.example', '+6281337123456', 1100, 'prompt', ['hospitality']),
  c('C-008', 'Surabaya Tekstil', 'PT Surabaya Tekstil Mandiri', '03.456.789.0-615.000', '0088:8997221000051', a('ID', 'Surabaya', 'Jl. Rungkut Industri III No. 12', '60293', 'Jawa Timur'), 'id', 'Asia/Jakarta', 'IDR', 'net_45', 'Siti Rahmawati', 'siti@sbytekstil.example', '+6281234567890', 1100, 'very_late', ['manufacturing']),
  c('C-009', 'Bandung Digital', 'PT Bandung Digital Kreatif', '04.567.890.1-423.000', '0088:8999612300085', a('ID', 'Bandung', 'Jl. Braga No. 25', '40111', 'Jawa Barat'), 'id', 'Asia/Jakarta', 'IDR', 'net_30', 'Andi Pratama', 'andi@bandungdigital.example', '+6282112345678', 1100, 'partial', ['agency']),
  c('C-010', 'Medan Agro', 'PT Medan Agro Lestari', '05.678.901.2-124.000', '0088:8998345600028', a('ID', 'Medan', 'Jl. Gatot Subroto No. 140', '20112', 'Sumatera Utara'), 'id', 'Asia/Jakarta', 'IDR', 'eom_30', 'Rina Siregar', 'rina@medanagro.example', '+6285212345678', 1100, 'late'),
  c('C-011', 'Volga Print', 'ООО «Волга Принт»', '7701234567', '0088:4601234500012', a('RU', 'Москва', 'ул. Большая Полянка, д. 28', '119180', 'Москва'), 'ru', 'Europe/Moscow', 'RUB', 'net_10', 'Ирина Смирнова', 'i.smirnova@volgaprint.example', '+79161234567', 2000, 'prompt', ['print']),
  c('C-012', 'Sever Stroy', 'ООО «Север Строй»', '7812345678', '0088:4609876500049', a('RU', 'Санкт-Петербург', 'Лиговский пр., д. 50', '191040', 'Санкт-Петербург'), 'ru', 'Europe/Moscow', 'RUB', 'net_30', 'Алексей Кузнецов', 'a.kuznetsov@severstroy.example', '+79211234567', 2000, 'very_late', ['construction']),
  c('C-013', 'Ural Soft', 'АО «Урал Софт»', '6671234567', '0088:4604561200068', a('RU', 'Екатеринбург', 'ул. Малышева, д. 51', '620014', 'Свердловская область'), 'ru', 'Asia/Yekaterinburg', 'RUB', 'net_15', 'Ольга Волкова', 'o.volkova@uralsoft.example', '+79221234567', 2000, 'late', ['software']),
  c('C-014', 'Kazan Foods', 'ООО «Казань Фудс»', '1651234567', '0088:4607654300089', a('RU', 'Казань', 'ул. Баумана, д. 15', '420111', 'Республика Татарстан'), 'ru', 'Europe/Moscow', 'RUB', 'eom_10', 'Рустам Галиев', 'r.galiev@kazanfoods.example', '+79172345678', 2000, 'partial', ['food']),
  c('C-015', 'Sibir Logistika', 'ООО «Сибирь Логистика»', '5401234567', '0088:4603218700036', a('RU', 'Новосибирск', 'Красный пр., д. 77', '630091', 'Новосибирская область'), 'ru', 'Asia/Novosibirsk', 'RUB', 'net_30', 'Дмитрий Попов', 'd.popov@sibirlog.example', '+79131234567', 2000, 'prompt'),
  c('C-016', 'Carpați Design', 'Carpați Design SRL', 'RO12345674', '9947:RO12345674', a('RO', 'Brașov', 'Str. Republicii 12', '500030', 'RO-BV'), 'ro', 'Europe/Bucharest', 'RON', 'net_30', 'Andreea Popescu', 'andreea@carpatidesign.example', '+40722123456', 2100, 'late', ['agency']),
  c('C-017', 'Dunărea Construct', 'Dunărea Construct SA', 'RO23456783', '9947:RO23456783', a('RO', 'Galați', 'Str. Domnească 45', '800008', 'RO-GL'), 'ro', 'Europe/Bucharest', 'RON', 'net_60', 'Mihai Ionescu', 'mihai@dunareaconstruct.example', '+40733123456', 2100, 'very_late', ['construction']),
  c('C-018', 'Cluj Tech Hub', 'Cluj Tech Hub SRL', 'RO34567892', '9947:RO34567892', a('RO', 'Cluj-Napoca', 'Str. Memorandumului 28', '400114', 'RO-CJ'), 'ro', 'Europe/Bucharest', 'RON', 'net_15', 'Ioana Radu', 'ioana@clujtech.example', '+40744123456', 2100, 'prompt', ['software']),
  c('C-019', 'Timișoara Auto', 'Timișoara Auto Parts SRL', 'RO45678900', '9947:RO45678900', a('RO', 'Timișoara', 'Calea Aradului 56', '300088', 'RO-TM'), 'ro', 'Europe/Bucharest', 'RON', 'eom_30', 'Florin Stan', 'florin@tmauto.example', '+40755123456', 2100, 'partial'),
  c('C-020', 'Iași Pharma', 'Iași Pharma Distribuție SRL', 'RO56789016', '9947:RO56789016', a('RO', 'Iași', 'Bd. Ștefan cel Mare și Sfânt 8', '700064', 'RO-IS'), 'ro', 'Europe/Bucharest', 'RON', 'net_30', 'Elena Munteanu', 'elena@iasipharma.example', '+40766123456', 2100, 'late', ['health']),
  c('C-021', 'Constanța Port Services', 'Constanța Port Services SRL', 'RO67890120', '9947:RO67890120', a('RO', 'Constanța', 'Incinta Port Constanța, Poarta 1', '900900', 'RO-CT'), 'ro', 'Europe/Bucharest', 'RON', 'net_45', 'Adrian Dumitru', 'adrian@ctaport.example', '+40777123456', 2100, 'prompt', ['logistics']),
  c('C-022', 'Berlin Bike Works', 'Berlin Bike Works GmbH', 'DE123456789', '9930:DE123456789', a('DE', 'Berlin', 'Oranienstraße 45', '10969', 'Berlin'), 'en', 'Europe/Berlin', 'EUR', 'net_14', 'Jonas Weber', 'jonas@berlinbike.example', '+4930123456789', 0, 'prompt', ['retail']),
  c('C-023', 'Lisboa Hotels', 'Lisboa Hotels Lda', 'PT123456789', '9946:PT123456789', a('PT', 'Lisboa', 'Avenida da Liberdade 110', '1250-146', 'Lisboa'), 'en', 'Europe/Lisbon', 'EUR', 'net_30', 'Inês Costa', 'ines@lisboahotels.example', '+351912345678', 0, 'late', ['hospitality']),
  c('C-024', 'Amsterdam Analytics', 'Amsterdam Analytics B.V.', 'NL123456789B01', '0106:56781234', a('NL', 'Amsterdam', 'Keizersgracht 123', '1015 CJ', 'Noord-Holland'), 'en', 'Europe/Amsterdam', 'EUR', 'net_30', 'Sanne de Vries', 'sanne@amsanalytics.example', '+31612345678', 0, 'prompt', ['software']),
  c('C-025', 'Warsaw Foods', 'Warsaw Foods Sp. z o.o.', 'PL1234567890', '9945:PL1234567890', a('PL', 'Warszawa', 'ul. Marszałkowska 84/92', '00-514', 'mazowieckie'), 'en', 'Europe/Warsaw', 'EUR', 'eom_30', 'Piotr Nowak', 'piotr@warsawfoods.example', '+48501234567', 0, 'very_late', ['food']),
  c('C-026', 'Dublin Media', 'Dublin Media Ltd', 'IE1234567T', '9935:IE1234567T', a('IE', 'Dublin', '25 Fitzwilliam Square', 'D02 XK84', 'Dublin'), 'en', 'Europe/Dublin', 'EUR', 'net_30', 'Aoife Murphy', 'aoife@dublinmedia.example', '+353871234567', 0, 'partial', ['agency']),
  c('C-027', 'Austin Outdoor', 'Austin Outdoor Gear LLC', '12-3456789', '9959:123456789', a('US', 'Austin', '600 Congress Ave', '78701', 'TX'), 'en', 'America/Chicago', 'USD', 'net_30', 'Megan Brooks', 'megan@austinoutdoor.example', '+15125550123', 0, 'late', ['retail']),
  c('C-028', 'Brooklyn Studio', 'Brooklyn Studio Inc.', '98-7654321', '9959:987654321', a('US', 'New York', '55 Washington St', '11201', 'NY'), 'en', 'America/New_York', 'USD', 'net_15', 'Daniel Kim', 'daniel@brooklynstudio.example', '+17185550199', 0, 'prompt', ['agency']),
  c('C-029', 'Chișinău Wine', 'Chișinău Wine Export SRL', 'MD1003600012345', '0088:4841045600079', a('MD', 'Chișinău', 'Bd. Ștefan cel Mare și Sfânt 134', 'MD-2012', 'Chișinău'), 'ro', 'Europe/Chisinau', 'EUR', 'net_30', 'Victor Rusu', 'victor@chwine.example', '+37369123456', 0, 'very_late', ['food']),
  c('C-030', 'Phú Quốc Resort', 'Công ty TNHH Du lịch Phú Quốc', '1701234567', '0088:8936700550090', a('VN', 'Phú Quốc', '88 Trần Hưng Đạo, Dương Đông', '920000', 'Kiên Giang'), 'vi', 'Asia/Ho_Chi_Minh', 'USD', 'net_30', 'Đặng Quốc Bảo', 'bao.dang@pqresort.example', '+84977123456', 1000, 'late', ['hospitality']),
];

export interface DemoService {
  readonly description: string;
  readonly unit: string;
  readonly usd: number;
  /** Goods shipped to the customer rather than a service: it decides the VAT treatment within the EU. */
  readonly goods?: true;
}

/** What an agency bills for, with a unit price in major units of USD; converted per currency by a rough rate. */
export const DEMO_SERVICES: readonly DemoService[] = [
  { description: 'Brand identity design', unit: 'project', usd: 2400 },
  { description: 'Website maintenance', unit: 'month', usd: 450 },
  { description: 'Social media management', unit: 'month', usd: 800 },
  { description: 'Photography session', unit: 'day', usd: 600 },
  { description: 'Copywriting', unit: 'hour', usd: 45 },
  { description: 'UX research workshop', unit: 'day', usd: 1100 },
  { description: 'Cloud hosting', unit: 'month', usd: 120 },
  { description: 'Printed brochures', unit: '100 pcs', usd: 180, goods: true },
  { description: 'Video editing', unit: 'hour', usd: 70 },
  { description: 'SEO audit', unit: 'project', usd: 950 },
];

/** Minor units per USD (rough 2025 rates): demo realism only, never used for money decisions. */
export const DEMO_RATES: Readonly<Record<string, number>> = { USD: 100, EUR: 92, RON: 460, RUB: 9000, VND: 25_000, IDR: 1_600_000 };

/** The member states of the European Union, whose businesses buy from the studio under the intra-EU VAT rules. */
const EU = new Set(['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK']);

/**
 * How a line to this customer is taxed. To a VAT-registered business in another EU country the studio charges
 * no Romanian VAT: a service is taxed where the customer is, by the customer (VAT Directive art. 44 and 196:
 * reverse charge, AE), and goods sent there are an exempt intra-community supply (art. 138: K); each gets its
 * VATEX code by default. At home, and outside the EU, the line carries the customer's rate as before.
 */
export function demoLineVat(customer: DemoCustomer, service: DemoService): { taxRateBp: number; taxCategory?: VatCategory } {
  const country = customer.address.country;
  if (country === DEMO_ORGANIZATION.country || !EU.has(country)) return { taxRateBp: customer.taxRateBp };
  return { taxRateBp: 0, taxCategory: service.goods ? 'K' : 'AE' };
}
