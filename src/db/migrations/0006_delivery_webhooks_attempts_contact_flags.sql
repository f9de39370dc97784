CREATE TABLE "message_deliveries" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"outbox_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"outcome" text NOT NULL,
	"transport" text,
	"provider_message_id" text,
	"error" text,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "message_deliveries_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "message_deliveries_outcome_check" CHECK ("message_deliveries"."outcome" in ('sent', 'retry', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "webhook_endpoints_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "email_bounced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phone_invalid_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "message_deliveries_outbox_idx" ON "message_deliveries" USING btree ("org_id","outbox_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_endpoints_org_key" ON "webhook_endpoints" USING btree ("org_id");