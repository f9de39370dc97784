// The demo organization's customers: small businesses of the five first markets and a few EU/US clients,
// with the currencies, languages, time zones and tax rates they would really have.
export interface DemoCustomer {
  readonly ref: string;
  readonly name: string;
  readonly legalName: string;
  readonly taxId: string;
  readonly country: string;
  readonly city: string;
  readonly locale: 'en' | 'vi' | 'id' | 'ru' | 'ro';
  readonly timeZone: string;
  readonly currency: string;
  readonly terms: string;
  readonly contact: string;
  readonly email: string;
  readonly phone: string;
  readonly taxRateBp: number;
  /** How this customer pays: share of invoices paid, typical days late. */
  readonly habit: 'prompt' | 'late' | 'very_late' | 'partial';
  readonly tags: readonly string[];
}

const c = (
  ref: string, name: string, legalName: string, taxId: string, country: string, city: string, locale: DemoCustomer['locale'], timeZone: string,
  currency: string, terms: string, contact: string, email: string, phone: string, taxRateBp: number, habit: DemoCustomer['habit'], tags: string[] = [],
): DemoCustomer => ({ ref, name, legalName, taxId, country, city, locale, timeZone, currency, terms, contact, email, phone, taxRateBp, habit, tags });

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  c('C-001', 'Sao Mai Trading', 'Công ty TNHH Thương mại Sao Mai', '0312345678', 'VN', 'Thành phố Hồ Chí Minh', 'vi', 'Asia/Ho_Chi_Minh', 'VND', 'net_30', 'Nguyễn Thị Lan', 'lan.nguyen@saomai.example', '+84901234567', 1000, 'late', ['retail']),
  c('C-002', 'Hà Nội Coffee Roasters', 'Công ty Cổ phần Cà phê Hà Nội', '0109876543', 'VN', 'Hà Nội', 'vi', 'Asia/Ho_Chi_Minh', 'VND', 'net_15', 'Trần Văn Minh', 'minh.tran@hncoffee.example', '+84912345678', 800, 'prompt', ['food']),
  c('C-003', 'Đà Nẵng Logistics', 'Công ty TNHH Vận tải Đà Nẵng', '0401234567', 'VN', 'Đà Nẵng', 'vi', 'Asia/Ho_Chi_Minh', 'VND', 'eom_15', 'Lê Hoàng Phúc', 'phuc.le@dnlogistics.example', '+84935123456', 1000, 'very_late', ['logistics']),
  c('C-004', 'Mekong Furniture', 'Công ty TNHH Nội thất Mekong', '1801234567', 'VN', 'Cần Thơ', 'vi', 'Asia/Ho_Chi_Minh', 'VND', 'net_30', 'Phạm Thu Hà', 'ha.pham@mekongfurniture.example', '+84939876543', 1000, 'partial'),
  c('C-005', 'Saigon Dental Clinic', 'Phòng khám Nha khoa Sài Gòn', '0315556677', 'VN', 'Thành phố Hồ Chí Minh', 'vi', 'Asia/Ho_Chi_Minh', 'VND', 'due_on_receipt', 'Võ Minh Khoa', 'khoa.vo@saigondental.example', '+84908765432', 800, 'prompt', ['health']),
  c('C-006', 'Nusantara Kopi', 'PT Nusantara Kopi Sejahtera', '01.234.567.8-012.000', 'ID', 'Jakarta', 'id', 'Asia/Jakarta', 'IDR', 'net_30', 'Budi Santoso', 'budi@nusantarakopi.example', '+628123456789', 1100, 'late', ['food']),
  c('C-007', 'Bali Villa Rentals', 'CV Bali Villa Nusantara', '02.345.678.9-901.000', 'ID', 'Denpasar', 'id', 'Asia/Makassar', 'IDR', 'net_14', 'Ni Kadek Ayu', 'ayu@balivilla.example', '+6281337123456', 1100, 'prompt', ['hospitality']),
  c('C-008', 'Surabaya Tekstil', 'PT Surabaya Tekstil Mandiri', '03.456.789.0-615.000', 'ID', 'Surabaya', 'id', 'Asia/Jakarta', 'IDR', 'net_45', 'Siti Rahmawati', 'siti@sbytekstil.example', '+6281234567890', 1100, 'very_late', ['manufacturing']),
  c('C-009', 'Bandung Digital', 'PT Bandung Digital Kreatif', '04.567.890.1-423.000', 'ID', 'Bandung', 'id', 'Asia/Jakarta', 'IDR', 'net_30', 'Andi Pratama', 'andi@bandungdigital.example', '+6282112345678', 1100, 'partial', ['agency']),
  c('C-010', 'Medan Agro', 'PT Medan Agro Lestari', '05.678.901.2-124.000', 'ID', 'Medan', 'id', 'Asia/Jakarta', 'IDR', 'eom_30', 'Rina Siregar', 'rina@medanagro.example', '+6285212345678', 1100, 'late'),
  c('C-011', 'Volga Print', 'ООО «Волга Принт»', '7701234567', 'RU', 'Москва', 'ru', 'Europe/Moscow', 'RUB', 'net_10', 'Ирина Смирнова', 'i.smirnova@volgaprint.example', '+79161234567', 2000, 'prompt', ['print']),
  c('C-012', 'Sever Stroy', 'ООО «Север Строй»', '7812345678', 'RU', 'Санкт-Петербург', 'ru', 'Europe/Moscow', 'RUB', 'net_30', 'Алексей Кузнецов', 'a.kuznetsov@severstroy.example', '+79211234567', 2000, 'very_late', ['construction']),
  c('C-013', 'Ural Soft', 'АО «Урал Софт»', '6671234567', 'RU', 'Екатеринбург', 'ru', 'Asia/Yekaterinburg', 'RUB', 'net_15', 'Ольга Волкова', 'o.volkova@uralsoft.example', '+79221234567', 2000, 'late', ['software']),
  c('C-014', 'Kazan Foods', 'ООО «Казань Фудс»', '1651234567', 'RU', 'Казань', 'ru', 'Europe/Moscow', 'RUB', 'eom_10', 'Рустам Галиев', 'r.galiev@kazanfoods.example', '+79172345678', 2000, 'partial', ['food']),
  c('C-015', 'Sibir Logistika', 'ООО «Сибирь Логистика»', '5401234567', 'RU', 'Новосибирск', 'ru', 'Asia/Novosibirsk', 'RUB', 'net_30', 'Дмитрий Попов', 'd.popov@sibirlog.example', '+79131234567', 2000, 'prompt'),
  c('C-016', 'Carpați Design', 'Carpați Design SRL', 'RO12345678', 'RO', 'Brașov', 'ro', 'Europe/Bucharest', 'RON', 'net_30', 'Andreea Popescu', 'andreea@carpatidesign.example', '+40722123456', 2100, 'late', ['agency']),
  c('C-017', 'Dunărea Construct', 'Dunărea Construct SA', 'RO23456789', 'RO', 'Galați', 'ro', 'Europe/Bucharest', 'RON', 'net_60', 'Mihai Ionescu', 'mihai@dunareaconstruct.example', '+40733123456', 2100, 'very_late', ['construction']),
  c('C-018', 'Cluj Tech Hub', 'Cluj Tech Hub SRL', 'RO34567890', 'RO', 'Cluj-Napoca', 'ro', 'Europe/Bucharest', 'RON', 'net_15', 'Ioana Radu', 'ioana@clujtech.example', '+40744123456', 2100, 'prompt', ['software']),
  c('C-019', 'Timișoara Auto', 'Timișoara Auto Parts SRL', 'RO45678901', 'RO', 'Timișoara', 'ro', 'Europe/Bucharest', 'RON', 'eom_30', 'Florin Stan', 'florin@tmauto.example', '+40755123456', 2100, 'partial'),
  c('C-020', 'Iași Pharma', 'Iași Pharma Distribuție SRL', 'RO56789012', 'RO', 'Iași', 'ro', 'Europe/Bucharest', 'EUR', 'net_30', 'Elena Munteanu', 'elena@iasipharma.example', '+40766123456', 2100, 'late', ['health']),
  c('C-021', 'Constanța Port Services', 'Constanța Port Services SRL', 'RO67890123', 'RO', 'Constanța', 'ro', 'Europe/Bucharest', 'EUR', 'net_45', 'Adrian Dumitru', 'adrian@ctaport.example', '+40777123456', 2100, 'prompt', ['logistics']),
  c('C-022', 'Berlin Bike Works', 'Berlin Bike Works GmbH', 'DE123456789', 'DE', 'Berlin', 'en', 'Europe/Berlin', 'EUR', 'net_14', 'Jonas Weber', 'jonas@berlinbike.example', '+4930123456789', 1900, 'prompt', ['retail']),
  c('C-023', 'Lisboa Hotels', 'Lisboa Hotels Lda', 'PT123456789', 'PT', 'Lisboa', 'en', 'Europe/Lisbon', 'EUR', 'net_30', 'Inês Costa', 'ines@lisboahotels.example', '+351912345678', 2300, 'late', ['hospitality']),
  c('C-024', 'Amsterdam Analytics', 'Amsterdam Analytics B.V.', 'NL123456789B01', 'NL', 'Amsterdam', 'en', 'Europe/Amsterdam', 'EUR', 'net_30', 'Sanne de Vries', 'sanne@amsanalytics.example', '+31612345678', 2100, 'prompt', ['software']),
  c('C-025', 'Warsaw Foods', 'Warsaw Foods Sp. z o.o.', 'PL1234567890', 'PL', 'Warszawa', 'en', 'Europe/Warsaw', 'EUR', 'eom_30', 'Piotr Nowak', 'piotr@warsawfoods.example', '+48501234567', 2300, 'very_late', ['food']),
  c('C-026', 'Dublin Media', 'Dublin Media Ltd', 'IE1234567T', 'IE', 'Dublin', 'en', 'Europe/Dublin', 'EUR', 'net_30', 'Aoife Murphy', 'aoife@dublinmedia.example', '+353871234567', 2300, 'partial', ['agency']),
  c('C-027', 'Austin Outdoor', 'Austin Outdoor Gear LLC', '12-3456789', 'US', 'Austin', 'en', 'America/Chicago', 'USD', 'net_30', 'Megan Brooks', 'megan@austinoutdoor.example', '+15125550123', 0, 'late', ['retail']),
  c('C-028', 'Brooklyn Studio', 'Brooklyn Studio Inc.', '98-7654321', 'US', 'New York', 'en', 'America/New_York', 'USD', 'net_15', 'Daniel Kim', 'daniel@brooklynstudio.example', '+17185550199', 0, 'prompt', ['agency']),
  c('C-029', 'Chișinău Wine', 'Chișinău Wine Export SRL', 'MD1003600012345', 'MD', 'Chișinău', 'ro', 'Europe/Chisinau', 'EUR', 'net_30', 'Victor Rusu', 'victor@chwine.example', '+37369123456', 0, 'very_late', ['food']),
  c('C-030', 'Phú Quốc Resort', 'Công ty TNHH Du lịch Phú Quốc', '1701234567', 'VN', 'Phú Quốc', 'vi', 'Asia/Ho_Chi_Minh', 'USD', 'net_30', 'Đặng Quốc Bảo', 'bao.dang@pqresort.example', '+84977123456', 1000, 'late', ['hospitality']),
];

/** What an agency bills for, with a unit price in major units of USD; converted per currency by a rough rate. */
export const DEMO_SERVICES: readonly { readonly description: string; readonly unit: string; readonly usd: number }[] = [
  { description: 'Brand identity design', unit: 'project', usd: 2400 },
  { description: 'Website maintenance', unit: 'month', usd: 450 },
  { description: 'Social media management', unit: 'month', usd: 800 },
  { description: 'Photography session', unit: 'day', usd: 600 },
  { description: 'Copywriting', unit: 'hour', usd: 45 },
  { description: 'UX research workshop', unit: 'day', usd: 1100 },
  { description: 'Cloud hosting', unit: 'month', usd: 120 },
  { description: 'Printed brochures', unit: '100 pcs', usd: 180 },
  { description: 'Video editing', unit: 'hour', usd: 70 },
  { description: 'SEO audit', unit: 'project', usd: 950 },
];

/** Minor units per USD (rough 2025 rates): demo realism only, never used for money decisions. */
export const DEMO_RATES: Readonly<Record<string, number>> = { USD: 100, EUR: 92, RON: 460, RUB: 9000, VND: 25_000, IDR: 1_600_000 };
