CREATE TABLE "allocations" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"payment_id" uuid,
	"credit_note_id" uuid,
	"amount" bigint NOT NULL,
	"allocated_on" date NOT NULL,
	"reversed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "allocations_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "allocations_source_check" CHECK (("allocations"."payment_id" is null) <> ("allocations"."credit_note_id" is null)),
	CONSTRAINT "allocations_amount_check" CHECK ("allocations"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"role" text DEFAULT 'billing' NOT NULL,
	"preferred_channel" text DEFAULT 'email' NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contacts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"external_ref" text,
	"name" text NOT NULL,
	"legal_name" text,
	"tax_id" text,
	"billing_address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"shipping_address" jsonb,
	"locale" text NOT NULL,
	"time_zone" text NOT NULL,
	"currency" text NOT NULL,
	"payment_terms" text NOT NULL,
	"credit_limit" bigint,
	"status" text DEFAULT 'active' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customers_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "customers_status_check" CHECK ("customers"."status" in ('active', 'on_hold', 'in_collections'))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	CONSTRAINT "events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"quantity" numeric(16, 4) NOT NULL,
	"unit_price" bigint NOT NULL,
	"tax_rate_bp" integer NOT NULL,
	"discount_bp" integer DEFAULT 0 NOT NULL,
	"net_amount" bigint NOT NULL,
	CONSTRAINT "invoice_lines_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text DEFAULT 'invoice' NOT NULL,
	"customer_id" uuid NOT NULL,
	"series" text NOT NULL,
	"number" text,
	"status" text NOT NULL,
	"issue_date" date NOT NULL,
	"due_date" date NOT NULL,
	"payment_terms" text NOT NULL,
	"po_number" text,
	"billing_contact_id" uuid,
	"currency" text NOT NULL,
	"subtotal" bigint NOT NULL,
	"discount_total" bigint NOT NULL,
	"tax_total" bigint NOT NULL,
	"total" bigint NOT NULL,
	"tax_breakdown" jsonb NOT NULL,
	"amount_paid" bigint DEFAULT 0 NOT NULL,
	"amount_credited" bigint DEFAULT 0 NOT NULL,
	"balance" bigint NOT NULL,
	"notes" text,
	"terms_text" text,
	"original_invoice_id" uuid,
	"status_reason" text,
	"issued_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invoices_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "invoices_kind_check" CHECK ("invoices"."kind" in ('invoice', 'credit_note')),
	CONSTRAINT "invoices_status_check" CHECK ("invoices"."status" in ('draft', 'open', 'partially_paid', 'paid', 'void', 'written_off', 'uncollectible')),
	CONSTRAINT "invoices_balance_check" CHECK ("invoices"."balance" >= 0 and "invoices"."balance" = "invoices"."total" - "invoices"."amount_paid" - "invoices"."amount_credited")
);
--> statement-breakpoint
CREATE TABLE "number_series" (
	"org_id" uuid NOT NULL,
	"id" text NOT NULL,
	"prefix" text NOT NULL,
	"padding" integer DEFAULT 5 NOT NULL,
	"next_number" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "number_series_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"legal_name" text,
	"tax_id" text,
	"address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"base_currency" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"country" text,
	"default_payment_terms" text DEFAULT 'net_30' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"received_on" date NOT NULL,
	"method" text NOT NULL,
	"reference" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"external_id" text,
	"status" text DEFAULT 'recorded' NOT NULL,
	"unallocated" bigint NOT NULL,
	"refunded" bigint DEFAULT 0 NOT NULL,
	"reversed_at" timestamp with time zone,
	"reversal_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payments_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "payments_amount_check" CHECK ("payments"."amount" > 0 and "payments"."unallocated" >= 0 and "payments"."refunded" >= 0),
	CONSTRAINT "payments_method_check" CHECK ("payments"."method" in ('bank_transfer', 'card', 'cash', 'cheque', 'e_wallet', 'other')),
	CONSTRAINT "payments_status_check" CHECK ("payments"."status" in ('recorded', 'reversed'))
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"refunded_on" date NOT NULL,
	"method" text NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "refunds_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "refunds_amount_check" CHECK ("refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX "allocations_invoice_idx" ON "allocations" USING btree ("org_id","invoice_id");--> statement-breakpoint
CREATE INDEX "allocations_payment_idx" ON "allocations" USING btree ("org_id","payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_id_key" ON "api_keys" USING btree ("id");--> statement-breakpoint
CREATE INDEX "contacts_customer_idx" ON "contacts" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_external_ref_key" ON "customers" USING btree ("org_id","external_ref");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "events_entity_idx" ON "events" USING btree ("org_id","entity_type","entity_id","id");--> statement-breakpoint
CREATE INDEX "invoice_lines_invoice_idx" ON "invoice_lines" USING btree ("org_id","invoice_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_key" ON "invoices" USING btree ("org_id","series","number");--> statement-breakpoint
CREATE INDEX "invoices_customer_idx" ON "invoices" USING btree ("org_id","customer_id","due_date");--> statement-breakpoint
CREATE INDEX "invoices_open_due_idx" ON "invoices" USING btree ("org_id","due_date") WHERE "invoices"."status" in ('open', 'partially_paid', 'uncollectible');--> statement-breakpoint
CREATE UNIQUE INDEX "payments_external_id_key" ON "payments" USING btree ("org_id","source","external_id");--> statement-breakpoint
CREATE INDEX "payments_customer_idx" ON "payments" USING btree ("org_id","customer_id","received_on");