/** What a template gets: the field (last path segment), the whole path and the params. */
export interface MessageArgs {
  campo: string;
  path: string;
  p: Record<string, string | number>;
}

/** One message of a language's catalog, built from the issue it describes. */
export type Template = (a: MessageArgs) => string;
