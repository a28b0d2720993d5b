// The editor benches' article, shared by bench/editor-bench.ts and bench/keystroke-trace.ts
// (in a file of its own because importing a bench runs it).

/**
 * A news-like Markdown article of about `bytes` UTF-8 bytes: front matter, then sections of
 * prose with links, emphasis, inline code and math, lists, a table, a quote and a code fence.
 * Deterministic, so every run measures the same text.
 */
export function syntheticArticle(bytes: number): string {
  const words = (
    'river town council budget bridge harbour winter report market school railway ' +
    'station weather festival election museum library archive ferry coast mountain'
  ).split(' ')
  let seed = 7
  const next = () => (seed = (seed * 48271) % 2147483647)
  const sentence = (n: number) => {
    const out: string[] = []
    for (let i = 0; i < n; i++) out.push(words[next() % words.length]!)
    out[0] = out[0]![0]!.toUpperCase() + out[0]!.slice(1)
    return `${out.join(' ')}.`
  }
  let text =
    '---\ntitle: The long report\nauthor: Ada Writer\ndate: 2024-05-01\ntags: [news, ai-generated]\n---\n\n'
  for (let section = 1; text.length < bytes; section++) {
    text += `## Section ${section}: ${sentence(4).slice(0, -1)}\n\n`
    for (let p = 0; p < 3; p++) {
      text += `${sentence(14)} See [the ${words[next() % words.length]} page](https://example.com/${section}/${p}) and *${words[next() % words.length]}* with \`code ${p}\`, and $x_${p}^2$. ${sentence(18)}\n\n`
    }
    text += `- ${sentence(6)}\n- ${sentence(7)}\n- [ ] ${sentence(5)}\n\n`
    text += `| item | count | note |\n| --- | ---: | --- |\n| ${words[section % words.length]} | ${section} | ${sentence(3)} |\n| total | ${section * 3} | **bold** |\n\n`
    text += `> ${sentence(12)}\n\n`
    text += '```js\nfunction total(items) {\n  return items.reduce((a, b) => a + b, 0)\n}\n```\n\n'
  }
  return text
}
