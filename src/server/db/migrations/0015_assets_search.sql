-- Trigram matching for the asset search (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- The distinct two-character substrings of a text, for searching two-character words (stored
-- in assets.name_bigrams, so a search never evaluates it per row).
CREATE OR REPLACE FUNCTION hq_bigrams(s text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT coalesce(array_agg(DISTINCT substr(s, i, 2)), '{}') FROM generate_series(1, char_length(s) - 1) AS i $$;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "name_bigrams" text[] GENERATED ALWAYS AS (hq_bigrams(name)) STORED;--> statement-breakpoint
CREATE INDEX "assets_code_prefix_idx" ON "assets" USING btree ("code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "assets_name_trgm_idx" ON "assets" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "assets_name_bigram_idx" ON "assets" USING gin ("name_bigrams");--> statement-breakpoint
CREATE INDEX "assets_custodian_idx" ON "assets" USING btree ("custodian");