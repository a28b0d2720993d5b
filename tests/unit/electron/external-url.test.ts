import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl } from '../../../src/main/electron/external-url'

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://example.com/',
    'https://example.com/a/b?c=d#e',
    'http://example.com',
    'HTTPS://EXAMPLE.COM/path',
    'https://xn--bcher-kva.example/',
    'https://[::1]:8443/',
    'mailto:someone@example.com',
    'mailto:someone@example.com?subject=Hi',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true)
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\tscript:alert(1)',
    '\njavascript:alert(1)',
    ' https://example.com',
    'https://example.com/ ',
    'https://exa\nmple.com/',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'blob:https://example.com/uuid',
    'app://broadsheet/index.html',
    'ftp://example.com/',
    'ws://example.com/',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'vscode://file/etc/passwd',
    'steam://run/1',
    'slack://open',
    'about:blank',
    'chrome://settings',
    'mailto:',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    'https://:pass@example.com/',
    '//example.com/path',
    '/relative/path',
    'example.com',
    '',
    'https://',
    'not a url at all',
    'https://example.com/\u0000',
    `https://example.com/${'a'.repeat(10000)}`,
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })

  it.each([undefined, null, 42, {}, [], ['https://example.com'], new URL('https://example.com')])(
    'refuses the non-string %s',
    (value) => {
      expect(isAllowedExternalUrl(value)).toBe(false)
    },
  )
})
