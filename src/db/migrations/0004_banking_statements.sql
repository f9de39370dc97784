CREATE TABLE "bank_csv_mappings" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"account_iban" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bank_csv_mappings_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "bank_statements" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"format" text NOT NULL,
	"file_name" text,
	"file_hash" text NOT NULL,
	"account_iban" text,
	"currency" text NOT NULL,
	"statement_id" text,
	"statements" jsonb NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"imported_by" text NOT NULL,
	"lines_total" integer NOT NULL,
	"lines_known" integer NOT NULL,
	"lines_recorded" integer NOT NULL,
	"lines_review" integer NOT NULL,
	"lines_unmatched" integer NOT NULL,
	"lines_ignored" integer NOT NULL,
	CONSTRAINT "bank_statements_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "bank_statements_format_check" CHECK ("bank_statements"."format" in ('camt053', 'mt940', 'csv'))
);
--> statement-breakpoint
CREATE TABLE "bank_transactions" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"account_iban" text,
	"booking_date" date NOT NULL,
	"value_date" date,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"counterparty_name" text,
	"counterparty_iban" text,
	"remittance_text" text NOT NULL,
	"creditor_reference" text,
	"end_to_end_id" text,
	"bank_reference" text,
	"reversal" boolean NOT NULL,
	"match_status" text NOT NULL,
	"match_rule" text NOT NULL,
	"match_reason" text NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"candidates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"proposed_allocations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"overpayment" bigint DEFAULT 0 NOT NULL,
	"payment_id" uuid,
	"customer_id" uuid,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bank_transactions_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "bank_transactions_match_status_check" CHECK ("bank_transactions"."match_status" in ('sure', 'review', 'unmatched')),
	CONSTRAINT "bank_transactions_status_check" CHECK ("bank_transactions"."status" in ('recorded', 'review', 'unmatched', 'ignored')),
	CONSTRAINT "bank_transactions_recorded_check" CHECK (("bank_transactions"."status" = 'recorded') = ("bank_transactions"."payment_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "customer_bank_accounts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"account" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_bank_accounts_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "customer_bank_accounts_source_check" CHECK ("customer_bank_accounts"."source" in ('manual', 'statement'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bank_csv_mappings_name_key" ON "bank_csv_mappings" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statements_file_hash_key" ON "bank_statements" USING btree ("org_id","file_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_transactions_fingerprint_key" ON "bank_transactions" USING btree ("org_id","fingerprint");--> statement-breakpoint
CREATE INDEX "bank_transactions_status_idx" ON "bank_transactions" USING btree ("org_id","status","id");--> statement-breakpoint
CREATE INDEX "bank_transactions_statement_idx" ON "bank_transactions" USING btree ("org_id","statement_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_bank_accounts_key" ON "customer_bank_accounts" USING btree ("org_id","customer_id","account");--> statement-breakpoint
CREATE INDEX "customer_bank_accounts_account_idx" ON "customer_bank_accounts" USING btree ("org_id","account");