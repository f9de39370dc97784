-- The collections and dunning tables (previous migration) under the tenant row-level security policy.
SELECT punctual_isolate_tenant_tables();
