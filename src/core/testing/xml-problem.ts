import { SaxesParser } from 'saxes';

/**
 * Null when `xml` is a well-formed XML 1.0 document with well-formed namespaces, else the first
 * problem saxes (a strictly conforming parser) finds.
 */
export function xmlProblem(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: true });
  let problem: string | null = null;
  parser.on('error', (error) => {
    problem ??= error.message;
  });
  parser.write(xml).close();
  return problem;
}
