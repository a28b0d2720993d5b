/**
 * Pixel dimensions of PNG, JPEG, GIF and BMP images, read from their headers: DOCX needs an
 * image's size to lay it out, and these are the types Word embeds.
 */

/** Width and height in pixels. */
export interface ImageSize {
  width: number
  height: number
}

/** The type DOCX knows an image by, from its bytes; null for anything else. */
export function docxImageType(bytes: Uint8Array): 'png' | 'jpg' | 'gif' | 'bmp' | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) return 'png'
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) return 'jpg'
  if (b.length > 10 && b.toString('ascii', 0, 3) === 'GIF') return 'gif'
  if (b.length > 26 && b.toString('ascii', 0, 2) === 'BM') return 'bmp'
  return null
}

/** The image's size, or null when its header cannot be read. */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  switch (docxImageType(b)) {
    case 'png':
      return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
    case 'gif':
      return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) }
    case 'bmp':
      return { width: Math.abs(b.readInt32LE(18)), height: Math.abs(b.readInt32LE(22)) }
    case 'jpg':
      return jpegSize(b)
    default:
      return null
  }
}

/** A JPEG's size from its start-of-frame segment. */
function jpegSize(b: Buffer): ImageSize | null {
  let at = 2
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null
    const marker = b[at + 1]!
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) }
    }
    at += 2 + b.readUInt16BE(at + 2)
  }
  return null
}
