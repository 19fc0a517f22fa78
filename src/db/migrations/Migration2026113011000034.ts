import { Migration } from '@mikro-orm/migrations';

/**
 * A stored PDF (`invoice_document.content`, ≈ 5 KB for a document) stays in its row instead of going to the TOAST
 * table. A row over ≈ 2 KB had its content moved out of line in ≈ 2 KB chunks: each PDF written by the e-mail's
 * statement was three more heap rows and three more index entries (the TOAST table's), and each read of it a look-up
 * through that index. With a toast_tuple_target of 8160 (the largest) a row is left whole up to ≈ 8 KB (a page); a
 * larger PDF still goes out of line as before. Rows already stored stay as they are (each is read as it was written).
 *
 * Catalog only (no rewrite, whatever the table's size): the option takes a SHARE UPDATE EXCLUSIVE lock, which the
 * pipeline's reads and writes do not wait for; in a transaction of its own that gives up after a few seconds rather
 * than wait behind a long one (run the migration again to finish).
 */
export class Migration2026113011000034 extends Migration {

  override name = 'Migration2026113011000034';

  override isTransactional(): boolean {
    return false;
  }

  override up(): void | Promise<void> {
    this.addSql(`begin; set local lock_timeout = '5s';
      alter table "invoice_document" set (toast_tuple_target = 8160); commit;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`begin; set local lock_timeout = '5s';
      alter table "invoice_document" reset (toast_tuple_target); commit;`);
  }

}
