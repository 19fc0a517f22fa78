// tipoDte → module (parse, build, shape, checks). Each type lives in its own small file.
import type { TipoDte } from '../model.js';
import { buildFe, parseFe } from './fe.js';
import { checkFe, feShape } from './fe.check.js';
import type { DteTypeModule } from './module.js';
import { buildDcl, parseDcl } from './dcl.js';
import { checkDcl, dclShape } from './dcl.check.js';
import { buildCd, parseCd } from './cd.js';
import { cdShape, checkCd } from './cd.check.js';
import { buildCl, parseCl } from './cl.js';
import { checkCl, clShape } from './cl.check.js';
import { buildCr, parseCr } from './cr.js';
import { checkCr, crShape } from './cr.check.js';
import { buildFex, parseFex } from './fex.js';
import { checkFex, fexShape } from './fex.check.js';
import { buildNr, parseNr } from './nr.js';
import { checkNr, nrShape } from './nr.check.js';
import { buildFse, parseFse } from './fse.js';
import { checkFse, fseShape } from './fse.check.js';
import { buildNota, parseNota } from './notas.js';
import { checkNota, notaShape } from './notas.check.js';
import { buildCcf, parseCcf } from './ccf.js';
import { ccfShape, checkCcf } from './ccf.check.js';

export const MODULES: Record<TipoDte, DteTypeModule> = {
  '01': { tipoDte: '01', parse: parseFe, build: buildFe, shape: feShape, check: checkFe },
  '03': { tipoDte: '03', parse: parseCcf, build: buildCcf, shape: ccfShape, check: checkCcf },
  '04': { tipoDte: '04', parse: parseNr, build: buildNr, shape: nrShape, check: checkNr },
  '05': { tipoDte: '05', parse: parseNota, build: buildNota, shape: notaShape('05'), check: checkNota },
  '06': { tipoDte: '06', parse: parseNota, build: buildNota, shape: notaShape('06'), check: checkNota },
  '07': { tipoDte: '07', parse: parseCr, build: buildCr, shape: crShape, check: checkCr },
  '08': { tipoDte: '08', parse: parseCl, build: buildCl, shape: clShape, check: checkCl },
  '09': { tipoDte: '09', parse: parseDcl, build: buildDcl, shape: dclShape, check: checkDcl },
  '11': { tipoDte: '11', parse: parseFex, build: buildFex, shape: fexShape, check: checkFex },
  '14': { tipoDte: '14', parse: parseFse, build: buildFse, shape: fseShape, check: checkFse },
  '15': { tipoDte: '15', parse: parseCd, build: buildCd, shape: cdShape, check: checkCd },
};
