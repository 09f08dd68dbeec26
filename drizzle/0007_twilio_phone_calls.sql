ALTER TYPE "public"."call_status" ADD VALUE 'no_answer';--> statement-breakpoint
ALTER TYPE "public"."integration_status" ADD VALUE 'inactive';--> statement-breakpoint
ALTER TABLE "call_integration_accounts" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "call_integration_accounts" ADD COLUMN "external_account_id" varchar(64);--> statement-breakpoint
ALTER TABLE "call_integration_accounts" ADD COLUMN "phone_number" varchar(20);--> statement-breakpoint
ALTER TABLE "call_integration_accounts" ADD COLUMN "credentials_hint" varchar(16);--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "caller_name" varchar(120);--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "twilio_call_sid" varchar(64);--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "direction" varchar(10) DEFAULT 'inbound' NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "outbound_reason" text;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "transferred_to" varchar(20);--> statement-breakpoint
CREATE INDEX "call_integration_accounts_external_idx" ON "call_integration_accounts" USING btree ("account_type","external_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_integration_accounts_number_key" ON "call_integration_accounts" USING btree ("account_type","phone_number");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_twilio_call_sid_key" ON "calls" USING btree ("twilio_call_sid");