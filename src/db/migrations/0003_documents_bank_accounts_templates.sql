CREATE TABLE "bank_accounts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"currency" text NOT NULL,
	"account_holder" text,
	"iban" text,
	"account_number" text,
	"bank_code" text,
	"bic" text,
	"bank_name" text,
	"correspondent_account" text,
	"viet_bank_bin" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bank_accounts_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "bank_accounts_identifier_check" CHECK ("bank_accounts"."iban" is not null or "bank_accounts"."account_number" is not null)
);
--> statement-breakpoint
CREATE TABLE "template_overrides" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text NOT NULL,
	"locale" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "template_overrides_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE INDEX "bank_accounts_currency_idx" ON "bank_accounts" USING btree ("org_id","currency");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_accounts_default_key" ON "bank_accounts" USING btree ("org_id","currency") WHERE "bank_accounts"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "template_overrides_key" ON "template_overrides" USING btree ("org_id","key","locale");