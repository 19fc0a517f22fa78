// Related-document rules shared by every type that points at another document (documentoRelacionado of FE, CCF, NR,
// NC, ND, FEX; the retained/liquidated documents of CR and CL). MH: an electronic document (tipoGeneracion 2) is named
// by its codigoGeneracion, a UUID written in uppercase; a physical one (1) by its printed correlative.
import { CODIGO_GENERACION } from '../identificacion-values.js';
import { join, type Obj, type Reader } from './reader.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The related document's number, normalised (an electronic one's UUID in uppercase), or '' with an issue. */
export function relatedNumber(r: Reader, o: Obj, key: string, p: string, tipoGeneracion: number): string {
  const v = r.str(o, key, p, { required: true, max: 36 }) ?? '';
  if (!v || tipoGeneracion !== 2) return v;
  if (!UUID.test(v)) {
    const msg =
      `${key} '${v}' must be the codigoGeneracion (a UUID) of the electronic ` +
      `document (tipoGeneracion 2); a physical document is tipoGeneracion 1`;
    r.add(join(p, key), 'INVALID_CODIGO_GENERACION', msg, { value: v });
    return v;
  }
  const up = v.toUpperCase();
  return CODIGO_GENERACION.test(up) ? up : v;
}
