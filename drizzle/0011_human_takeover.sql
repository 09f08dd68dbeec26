ALTER TABLE "call_transcripts" ADD COLUMN "speaker_name" varchar(120);--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "human_agent_id" uuid;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "routing_rule_id" uuid;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "routing_rule_name" varchar(120);--> statement-breakpoint
ALTER TABLE "company_members" ADD COLUMN "presence" varchar(10) DEFAULT 'available' NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_human_agent_id_users_id_fk" FOREIGN KEY ("human_agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;