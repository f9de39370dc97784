ALTER TABLE "customers" ADD COLUMN "electronic_address" jsonb;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "electronic_address" jsonb;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "tax_category" text;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "tax_exemption_code" text;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "tax_exemption_reason" text;--> statement-breakpoint
-- Lines written before categories existed meant what their rate said: a positive rate standard (S), 0 % zero rated (Z).
UPDATE "invoice_lines" SET "tax_category" = CASE WHEN "tax_rate_bp" > 0 THEN 'S' ELSE 'Z' END;--> statement-breakpoint
ALTER TABLE "invoice_lines" ALTER COLUMN "tax_category" SET NOT NULL;--> statement-breakpoint
-- The stored tax breakdowns gain the same category, row by row.
UPDATE "invoices" SET "tax_breakdown" = (
	SELECT coalesce(jsonb_agg(row || jsonb_build_object('taxCategory', CASE WHEN (row->>'taxRateBp')::int > 0 THEN 'S' ELSE 'Z' END) ORDER BY position), '[]'::jsonb)
	FROM jsonb_array_elements("tax_breakdown") WITH ORDINALITY AS rows(row, position)
) WHERE "tax_breakdown" <> '[]'::jsonb;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_tax_category_check" CHECK ("invoice_lines"."tax_category" in ('S', 'Z', 'E', 'AE', 'K', 'G', 'O'));--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_tax_rate_check" CHECK (("invoice_lines"."tax_category" = 'S') = ("invoice_lines"."tax_rate_bp" > 0));
