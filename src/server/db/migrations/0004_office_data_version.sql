CREATE TABLE "office_data_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "office_data_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION office_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE office_data_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER office_version_people AFTER INSERT OR UPDATE OR DELETE ON people FOR EACH STATEMENT EXECUTE FUNCTION office_bump_version();
--> statement-breakpoint
CREATE TRIGGER office_version_orgs AFTER INSERT OR UPDATE OR DELETE ON orgs FOR EACH STATEMENT EXECUTE FUNCTION office_bump_version();
--> statement-breakpoint
CREATE TRIGGER office_version_rooms AFTER INSERT OR UPDATE OR DELETE ON office_rooms FOR EACH STATEMENT EXECUTE FUNCTION office_bump_version();
--> statement-breakpoint
CREATE TRIGGER office_version_occupancies AFTER INSERT OR UPDATE OR DELETE ON office_occupancies FOR EACH STATEMENT EXECUTE FUNCTION office_bump_version();
--> statement-breakpoint
CREATE TRIGGER office_version_rules AFTER INSERT OR UPDATE OR DELETE ON rule_tables FOR EACH STATEMENT EXECUTE FUNCTION office_bump_version();
