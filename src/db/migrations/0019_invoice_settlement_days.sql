DROP INDEX "invoices_ledger_idx";--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "last_payment_on" date;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "last_allocated_on" date;--> statement-breakpoint
-- Existing invoices: the days of their latest allocations in force, from payments and of any kind.
UPDATE "invoices" i SET "last_payment_on" = a."last_payment_on", "last_allocated_on" = a."last_allocated_on"
FROM (
	SELECT "org_id", "invoice_id", max("allocated_on") FILTER (WHERE "payment_id" IS NOT NULL) AS "last_payment_on", max("allocated_on") AS "last_allocated_on"
	FROM "allocations" WHERE "reversed_at" IS NULL GROUP BY "org_id", "invoice_id"
) a
WHERE i."org_id" = a."org_id" AND i."id" = a."invoice_id";--> statement-breakpoint
CREATE INDEX "invoices_paid_idx" ON "invoices" USING btree ("org_id","customer_id","currency","last_payment_on","due_date","issue_date","amount_paid","last_allocated_on","id") WHERE "invoices"."kind" = 'invoice' and "invoices"."status" = 'paid';--> statement-breakpoint
CREATE INDEX "invoices_ledger_idx" ON "invoices" USING btree ("org_id","id","currency","issue_date","due_date","total") WHERE "invoices"."kind" = 'invoice' and "invoices"."status" not in ('draft', 'void');