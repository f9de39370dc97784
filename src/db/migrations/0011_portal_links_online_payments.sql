CREATE TABLE "online_payments" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"kind" text NOT NULL,
	"provider_ref" text,
	"currency" text,
	"amount" bigint,
	"allocations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"payment_intent_id" text,
	"payment_id" uuid,
	"failure_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "online_payments_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "online_payments_kind_check" CHECK ("online_payments"."kind" in ('checkout', 'setup', 'off_session')),
	CONSTRAINT "online_payments_status_check" CHECK ("online_payments"."status" in ('pending', 'succeeded', 'failed', 'expired', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "portal_invoice_views" (
	"org_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"first_viewed_at" timestamp with time zone NOT NULL,
	"last_viewed_at" timestamp with time zone NOT NULL,
	"views" integer NOT NULL,
	CONSTRAINT "portal_invoice_views_org_id_invoice_id_pk" PRIMARY KEY("org_id","invoice_id")
);
--> statement-breakpoint
CREATE TABLE "portal_links" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"token_hash" text NOT NULL,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "portal_links_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "portal_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"link_valid_days" integer DEFAULT 30 NOT NULL,
	"plan_max_installments" integer DEFAULT 3 NOT NULL,
	"plan_max_days" integer DEFAULT 90 NOT NULL,
	"plan_approval_requests" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "portal_settings_link_days_check" CHECK ("portal_settings"."link_valid_days" between 1 and 365),
	CONSTRAINT "portal_settings_plan_check" CHECK ("portal_settings"."plan_max_installments" between 0 and 24 and "portal_settings"."plan_max_days" between 0 and 730)
);
--> statement-breakpoint
CREATE TABLE "provider_customers" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"provider_customer_id" text NOT NULL,
	"payment_method_id" text,
	"payment_method_label" text,
	"autopay" boolean DEFAULT false NOT NULL,
	"enrolled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "provider_customers_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "provider_events" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"outcome" text NOT NULL,
	"detail" text,
	"online_payment_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "provider_events_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "provider_events_outcome_check" CHECK ("provider_events"."outcome" in ('processed', 'ignored', 'rejected'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "online_payments_provider_ref_key" ON "online_payments" USING btree ("org_id","provider","provider_ref");--> statement-breakpoint
CREATE INDEX "online_payments_customer_idx" ON "online_payments" USING btree ("org_id","customer_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_links_token_hash_key" ON "portal_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "portal_links_customer_idx" ON "portal_links" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_customers_customer_key" ON "provider_customers" USING btree ("org_id","customer_id","provider");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_events_event_key" ON "provider_events" USING btree ("provider","event_id");