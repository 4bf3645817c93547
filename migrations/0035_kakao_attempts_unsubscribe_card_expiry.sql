CREATE TABLE "kakao_login_attempts" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"partner_id" integer NOT NULL,
	"nonce" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_methods" ADD COLUMN "card_expiry" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "unsubscribe_url" text;--> statement-breakpoint
ALTER TABLE "kakao_login_attempts" ADD CONSTRAINT "kakao_login_attempts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;