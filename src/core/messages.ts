// Messages in the caller's language. Codes never change; only the human sentence does. English is the sentence each
// error is created with; other languages come from a catalog keyed by the error's code (the rule that failed), built
// from the issue's field and its `params`. Any module may add its codes with registerMessages().
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { Template } from './message-template.js';
import { issuesMessage } from './errors.js';
import { MENSAJES_ES, MENSAJES_ERROR_ES } from './messages.es.js';

export type Language = 'en' | 'es';
export const LANGUAGES: readonly Language[] = ['en', 'es'];

export interface MessageIssue {
  path: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

export type { MessageArgs, Template } from './message-template.js';

const catalogs: Record<Exclude<Language, 'en'>, Record<string, Template>> = { es: { ...MENSAJES_ES } };
const errorCatalogs: Record<Exclude<Language, 'en'>, Record<string, string>> = { es: { ...MENSAJES_ERROR_ES } };

/** Adds (or replaces) the templates of some codes for a language. */
export function registerMessages(lang: Exclude<Language, 'en'>, templates: Record<string, Template>): void {
  Object.assign(catalogs[lang], templates);
}

const store = new AsyncLocalStorage<Language>();

/** The preferred supported language of an Accept-Language header (q-values honoured); English otherwise. */
export function languageOf(header: string | undefined | null): Language {
  if (!header) return 'en';
  let best: Language = 'en';
  let bestQ = 0;
  for (const part of header.split(',')) {
    const [tag, ...opts] = part.trim().split(';');
    const q = Number(
      opts
        .find((o) => o.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? '1',
    );
    const base = (tag ?? '').trim().toLowerCase().split('-')[0] as Language;
    if (LANGUAGES.includes(base) && Number.isFinite(q) && q > bestQ) {
      best = base;
      bestQ = q;
    }
  }
  return best;
}

/** Express middleware: the rest of the request (REST handlers and GraphQL resolvers) runs in its language. */
export function requestLanguage(req: Request, res: Response, next: NextFunction): void {
  const lang = languageOf(req.header('accept-language'));
  if (lang !== 'en') res.setHeader('content-language', lang);
  store.run(lang, next);
}

export function currentLanguage(): Language {
  return store.getStore() ?? 'en';
}

/** The names, in each language, of the parts of a request an issue can be about as a whole. */
const WHOLE: Record<Exclude<Language, 'en'>, Record<string, string>> = {
  es: { '': 'el cuerpo de la solicitud', '(body)': 'el cuerpo de la solicitud', '(url)': 'la URL' },
};

function fieldOf(path: string, lang: Exclude<Language, 'en'>): string {
  // (own keys only: a path is the caller's text, and may be `constructor`)
  if (Object.hasOwn(WHOLE[lang], path)) return WHOLE[lang][path]!;
  const last = path.split('.').pop() ?? path;
  return last.replace(/\[\d+\]$/, '') || path;
}

/** One issue in the language; its code, path and (if no template exists) its English message are kept. */
export function localizeIssue(
  i: MessageIssue,
  lang: Language = currentLanguage(),
): { path: string; code: string; message: string } {
  if (lang === 'en') return { path: i.path, code: i.code, message: i.message };
  const t = Object.hasOwn(catalogs[lang], i.code) ? catalogs[lang][i.code] : undefined;
  return {
    path: i.path,
    code: i.code,
    message: t ? t({ campo: fieldOf(i.path, lang), path: i.path, p: i.params ?? {} }) : i.message,
  };
}

export function localizeIssues(issues: readonly MessageIssue[], lang: Language = currentLanguage()) {
  return issues.map((i) => localizeIssue(i, lang));
}

/** The top-level message of an error: validation failures list their issues; other codes have one sentence each. */
export function localizeError(
  code: string,
  message: string,
  issues: readonly MessageIssue[],
  lang: Language = currentLanguage(),
) {
  const out = localizeIssues(issues, lang);
  if (lang === 'en') return { message, issues: out };
  if (code === 'VALIDATION_FAILED' && out.length) return { message: issuesMessage(out), issues: out };
  return { message: Object.hasOwn(errorCatalogs[lang], code) ? errorCatalogs[lang][code]! : message, issues: out };
}
