CREATE TABLE "customer_retainers" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"minimum_balance" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_retainers_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id"),
	CONSTRAINT "customer_retainers_minimum_check" CHECK ("customer_retainers"."minimum_balance" > 0)
);
--> statement-breakpoint
CREATE TABLE "deposits" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"planned_total" bigint,
	"percent_bp" integer,
	"amount" bigint NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"final_invoice_id" uuid,
	"credit_note_id" uuid,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deposits_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "deposits_amount_check" CHECK ("deposits"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "late_fee_charges" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"fee_invoice_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"component" text NOT NULL,
	"amount" bigint NOT NULL,
	"capped" boolean NOT NULL,
	"as_of" date NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"waived_amount" bigint DEFAULT 0 NOT NULL,
	"waiver_credit_note_id" uuid,
	"waiver_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "late_fee_charges_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "late_fee_charges_component_check" CHECK ("late_fee_charges"."component" in ('fee', 'interest', 'compensation')),
	CONSTRAINT "late_fee_charges_amount_check" CHECK ("late_fee_charges"."amount" > 0 and "late_fee_charges"."waived_amount" >= 0 and "late_fee_charges"."waived_amount" <= "late_fee_charges"."amount")
);
--> statement-breakpoint
CREATE TABLE "late_fee_policies" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid,
	"policy" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "late_fee_policies_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "recurring_runs" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"schedule_id" uuid NOT NULL,
	"period" date NOT NULL,
	"outcome" text NOT NULL,
	"invoice_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "recurring_runs_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "recurring_runs_outcome_check" CHECK ("recurring_runs"."outcome" in ('issued', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "recurring_schedules" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"frequency" text NOT NULL,
	"rrule" text,
	"start_date" date NOT NULL,
	"end_date" date,
	"next_run_date" date,
	"last_period" date,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"catch_up" text DEFAULT 'latest' NOT NULL,
	"send_email" boolean DEFAULT true NOT NULL,
	"autopay" boolean DEFAULT false NOT NULL,
	"template" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "recurring_schedules_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "recurring_schedules_frequency_check" CHECK ("recurring_schedules"."frequency" in ('weekly', 'biweekly', 'monthly', 'quarterly', 'yearly', 'rrule')),
	CONSTRAINT "recurring_schedules_status_check" CHECK ("recurring_schedules"."status" in ('active', 'paused', 'ended')),
	CONSTRAINT "recurring_schedules_catch_up_check" CHECK ("recurring_schedules"."catch_up" in ('latest', 'all'))
);
--> statement-breakpoint
CREATE TABLE "terms_settings" (
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "terms_settings_org_id_key_pk" PRIMARY KEY("org_id","key"),
	CONSTRAINT "terms_settings_key_check" CHECK ("terms_settings"."key" in ('reference_rates', 'deposit_policy'))
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "early_payment_discount_bp" integer;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "early_payment_days" integer;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "late_fee_for_invoice_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "deposits_invoice_key" ON "deposits" USING btree ("org_id","invoice_id");--> statement-breakpoint
CREATE INDEX "deposits_customer_idx" ON "deposits" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "late_fee_charges_step_key" ON "late_fee_charges" USING btree ("org_id","invoice_id","step_index","component");--> statement-breakpoint
CREATE INDEX "late_fee_charges_fee_invoice_idx" ON "late_fee_charges" USING btree ("org_id","fee_invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "late_fee_policies_default_key" ON "late_fee_policies" USING btree ("org_id") WHERE "late_fee_policies"."customer_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "late_fee_policies_customer_key" ON "late_fee_policies" USING btree ("org_id","customer_id") WHERE "late_fee_policies"."customer_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "recurring_runs_period_key" ON "recurring_runs" USING btree ("org_id","schedule_id","period");--> statement-breakpoint
CREATE INDEX "recurring_schedules_due_idx" ON "recurring_schedules" USING btree ("next_run_date") WHERE "recurring_schedules"."status" = 'active';--> statement-breakpoint
CREATE INDEX "recurring_schedules_customer_idx" ON "recurring_schedules" USING btree ("org_id","customer_id");