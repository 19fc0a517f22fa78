import { Migration } from '@mikro-orm/migrations';

/**
 * API keys are authenticated from an in-process cache; a change that matters for authentication (revocation,
 * expiry, scopes, deletion) is announced on `fx_api_keys` with the key's hash, so every process drops that entry
 * before its next request. last_used_at (written at most once a minute) announces nothing.
 */
export class Migration2026112913550005 extends Migration {

  override name = 'Migration2026112913550005';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function fx_api_key_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('fx_api_keys', coalesce(old.hash, new.hash));
  if tg_op = 'UPDATE' and old.hash <> new.hash then perform pg_notify('fx_api_keys', new.hash); end if;
  return null;
end $$;`);
    this.addSql(`create trigger api_key_changed after update of hash, kind, tenant_id, scopes, ambiente, expires_at, revoked_at or delete
      on "api_key" for each row execute function fx_api_key_changed();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists api_key_changed on "api_key";`);
    this.addSql(`drop function if exists fx_api_key_changed();`);
  }

}
