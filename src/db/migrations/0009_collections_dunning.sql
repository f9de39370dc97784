CREATE TABLE "collection_tasks" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	"title" text NOT NULL,
	"invoice_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"phone" text,
	"contact_name" text,
	"assignee_id" uuid,
	"due_on" date NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"reason_code" text,
	"note" text,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collection_tasks_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "collection_tasks_status_check" CHECK ("collection_tasks"."status" in ('open', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "customer_notes" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_type" text NOT NULL,
	"author_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_notes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"reason_code" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"resolution_note" text,
	CONSTRAINT "disputes_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "disputes_status_check" CHECK ("disputes"."status" in ('open', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "dunning_customer_settings" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"policy_id" text,
	"excluded" boolean DEFAULT false NOT NULL,
	"collector_id" uuid,
	"risk_level" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dunning_customer_settings_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id"),
	CONSTRAINT "dunning_customer_settings_risk_check" CHECK ("dunning_customer_settings"."risk_level" in ('low', 'medium', 'high'))
);
--> statement-breakpoint
CREATE TABLE "dunning_history" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"policy_id" text NOT NULL,
	"plan_id" uuid,
	"step_id" text NOT NULL,
	"occurrence" integer NOT NULL,
	"installment" integer,
	"on" date NOT NULL,
	"outcome" text NOT NULL,
	"reason" text NOT NULL,
	"channel" text,
	"message_key" text,
	"released" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dunning_history_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "dunning_history_outcome_check" CHECK ("dunning_history"."outcome" in ('sent', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "dunning_invoice_settings" (
	"org_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"policy_id" text,
	"excluded" boolean DEFAULT false NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dunning_invoice_settings_org_id_invoice_id_pk" PRIMARY KEY("org_id","invoice_id")
);
--> statement-breakpoint
CREATE TABLE "dunning_invoice_state" (
	"org_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"next_check_on" date,
	"checked_on" date NOT NULL,
	CONSTRAINT "dunning_invoice_state_org_id_invoice_id_pk" PRIMARY KEY("org_id","invoice_id")
);
--> statement-breakpoint
CREATE TABLE "dunning_policies" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dunning_policies_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "dunning_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"default_policy_id" text,
	"excluded" boolean DEFAULT false NOT NULL,
	"window_start" text DEFAULT '09:00' NOT NULL,
	"window_end" text DEFAULT '17:00' NOT NULL,
	"working_days" integer[] DEFAULT '{1,2,3,4,5}'::integer[] NOT NULL,
	"non_working_dates" date[] DEFAULT '{}'::date[] NOT NULL,
	"reply_to" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_claims" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"until" date NOT NULL,
	"paid_on" date,
	"reference" text,
	"claimed_by" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "payment_claims_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "payment_claims_status_check" CHECK ("payment_claims"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "payment_plan_installments" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"due_date" date NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "payment_plan_installments_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "payment_plan_installments_amount_check" CHECK ("payment_plan_installments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_plans" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"balance_at_agreement" bigint NOT NULL,
	"agreed_on" date NOT NULL,
	"grace_days" integer NOT NULL,
	"reminder_steps" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"broken_installment" integer,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "payment_plans_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "payment_plans_status_check" CHECK ("payment_plans"."status" in ('active', 'completed', 'broken', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "payment_promises" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"promised_date" date NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"promised_by" text NOT NULL,
	"channel" text NOT NULL,
	"note" text,
	"balance_at_promise" bigint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "payment_promises_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "payment_promises_status_check" CHECK ("payment_promises"."status" in ('open', 'kept', 'broken', 'cancelled')),
	CONSTRAINT "payment_promises_amount_check" CHECK ("payment_promises"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "collection_tasks_source_key" ON "collection_tasks" USING btree ("org_id","source_key");--> statement-breakpoint
CREATE INDEX "collection_tasks_open_due_idx" ON "collection_tasks" USING btree ("org_id","due_on") WHERE "collection_tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "collection_tasks_customer_idx" ON "collection_tasks" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "customer_notes_customer_idx" ON "customer_notes" USING btree ("org_id","customer_id","id");--> statement-breakpoint
CREATE INDEX "disputes_invoice_idx" ON "disputes" USING btree ("org_id","invoice_id");--> statement-breakpoint
CREATE INDEX "disputes_open_customer_idx" ON "disputes" USING btree ("org_id","customer_id") WHERE "disputes"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_history_occurrence_key" ON "dunning_history" USING btree ("org_id","invoice_id","step_id",coalesce("installment", 0),"occurrence") WHERE not "dunning_history"."released";--> statement-breakpoint
CREATE INDEX "dunning_history_invoice_idx" ON "dunning_history" USING btree ("org_id","invoice_id");--> statement-breakpoint
CREATE INDEX "dunning_history_customer_day_idx" ON "dunning_history" USING btree ("org_id","customer_id","on");--> statement-breakpoint
CREATE INDEX "dunning_history_message_idx" ON "dunning_history" USING btree ("org_id","message_key");--> statement-breakpoint
CREATE INDEX "dunning_invoice_settings_customer_idx" ON "dunning_invoice_settings" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "payment_claims_invoice_idx" ON "payment_claims" USING btree ("org_id","invoice_id");--> statement-breakpoint
CREATE INDEX "payment_claims_open_customer_idx" ON "payment_claims" USING btree ("org_id","customer_id") WHERE "payment_claims"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plan_installments_number_key" ON "payment_plan_installments" USING btree ("org_id","plan_id","number");--> statement-breakpoint
CREATE INDEX "payment_plans_invoice_idx" ON "payment_plans" USING btree ("org_id","invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_plans_one_active_key" ON "payment_plans" USING btree ("org_id","invoice_id") WHERE "payment_plans"."status" = 'active';--> statement-breakpoint
CREATE INDEX "payment_plans_active_customer_idx" ON "payment_plans" USING btree ("org_id","customer_id") WHERE "payment_plans"."status" = 'active';--> statement-breakpoint
CREATE INDEX "payment_promises_invoice_idx" ON "payment_promises" USING btree ("org_id","invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_promises_one_open_key" ON "payment_promises" USING btree ("org_id","invoice_id") WHERE "payment_promises"."status" = 'open';--> statement-breakpoint
CREATE INDEX "payment_promises_open_customer_idx" ON "payment_promises" USING btree ("org_id","customer_id") WHERE "payment_promises"."status" = 'open';