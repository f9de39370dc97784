-- "Email me a fresh portal link" finds contacts by address in every organization: lower(email) leads the index.
CREATE INDEX "contacts_email_idx" ON "contacts" USING btree (lower("email"),"org_id","id");
