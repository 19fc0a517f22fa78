import { Migration } from '@mikro-orm/migrations';

/**
 * Emissions read their tenant (emisor, establishments, business calendar) from an in-process cache; any change to
 * those rows is announced on `fx_tenant_profile` with the tenant's id, so every process drops that entry before its
 * next emission.
 */
export class Migration2026112916350042 extends Migration {

  override name = 'Migration2026112916350042';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function fx_tenant_profile_changed() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'tenant' then
    if tg_op = 'DELETE' then perform pg_notify('fx_tenant_profile', old.id::text);
    else perform pg_notify('fx_tenant_profile', new.id::text); end if;
  else
    if tg_op <> 'INSERT' then perform pg_notify('fx_tenant_profile', old.tenant_id::text); end if;
    if tg_op <> 'DELETE' then perform pg_notify('fx_tenant_profile', new.tenant_id::text); end if;
  end if;
  return null;
end $$;`);
    for (const table of ['tenant', 'establishment', 'tenant_calendar']) {
      this.addSql(`create trigger ${table}_profile_changed after insert or update or delete
        on "${table}" for each row execute function fx_tenant_profile_changed();`);
    }
  }

  override down(): void | Promise<void> {
    for (const table of ['tenant', 'establishment', 'tenant_calendar']) {
      this.addSql(`drop trigger if exists ${table}_profile_changed on "${table}";`);
    }
    this.addSql(`drop function if exists fx_tenant_profile_changed();`);
  }

}
