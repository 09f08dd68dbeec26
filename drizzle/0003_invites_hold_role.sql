ALTER TABLE "invites" ADD COLUMN "role" "company_role";--> statement-breakpoint
-- Until now a pending invitee was already a member (without a password); the invitation takes over the role.
UPDATE "invites" SET "role" = "company_members"."role" FROM "company_members" WHERE "company_members"."company_id" = "invites"."company_id" AND "company_members"."user_id" = "invites"."user_id";--> statement-breakpoint
DELETE FROM "invites" WHERE "role" IS NULL;--> statement-breakpoint
ALTER TABLE "invites" ALTER COLUMN "role" SET NOT NULL;--> statement-breakpoint
DELETE FROM "company_members" USING "users" WHERE "users"."id" = "company_members"."user_id" AND "users"."password_hash" IS NULL;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "name" varchar(120) DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "invites_company_user_idx" ON "invites" USING btree ("company_id","user_id");
