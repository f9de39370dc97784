CREATE TABLE "customer_risk" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"level" text NOT NULL,
	"score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_risk_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id"),
	CONSTRAINT "customer_risk_level_check" CHECK ("customer_risk"."level" in ('low', 'medium', 'high')),
	CONSTRAINT "customer_risk_score_check" CHECK ("customer_risk"."score" between 0 and 100)
);
--> statement-breakpoint
-- The new tenant table under the row-level security policy of every tenant table.
SELECT punctual_isolate_tenant_tables();
