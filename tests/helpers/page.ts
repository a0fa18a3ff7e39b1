/** The JSON a report page embeds (what it shows and reruns from), as text. */
export function embeddedPageJson(html: string): string {
  const found = /<script type="application\/json" id="salvo-page">([^<]*)<\/script>/.exec(html);
  if (found === null) throw new Error('the page embeds no salvo-page data');
  return found[1];
}
