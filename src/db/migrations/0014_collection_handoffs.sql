CREATE TABLE "collection_handoffs" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"invoice_ids" uuid[] NOT NULL,
	"invoices" jsonb NOT NULL,
	"agency" text,
	"note" text,
	"created_by_type" text NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"pack_name" text NOT NULL,
	"pack_sha256" text NOT NULL,
	"pack_size" integer NOT NULL,
	"pack" "bytea" NOT NULL,
	CONSTRAINT "collection_handoffs_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "collection_handoffs_invoices_check" CHECK (cardinality("collection_handoffs"."invoice_ids") > 0)
);
--> statement-breakpoint
CREATE INDEX "collection_handoffs_customer_idx" ON "collection_handoffs" USING btree ("org_id","customer_id","created_at");--> statement-breakpoint
-- The new tenant table under the row-level security policy of every tenant table.
SELECT punctual_isolate_tenant_tables();
