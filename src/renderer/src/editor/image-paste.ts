/**
 * Pasting or dropping an image stores it in the library (`assets.add`) and inserts
 * `![](assets/<hash>.<ext>)` where it was pasted or dropped. A placeholder marks the spot
 * while the image is stored, so typing meanwhile is never in the way.
 */
import { EditorView } from '@codemirror/view'

/** Stores an image and returns its library link `assets/<sha256>.<ext>`. */
export type StoreImage = (dataBase64: string, mime: string) => Promise<string>

/** Image types the library keeps (SVG is not: it can carry script). */
const IMAGE_TYPES = /^image\/(?:png|jpe?g|gif|webp|avif|bmp)$/

let uploads = 0

/** The image files in a clipboard or drag payload. */
function imageFiles(data: DataTransfer | null): File[] {
  if (!data) return []
  return Array.from(data.files).filter((f) => IMAGE_TYPES.test(f.type))
}

/** A file's bytes as base64 (without the `data:` prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read.'))
    reader.readAsDataURL(file)
  })
}

function insertImages(
  view: EditorView,
  files: File[],
  pos: number,
  store: StoreImage,
  onError: (message: string) => void,
): void {
  const placeholders = files.map(() => `![Storing image ${++uploads}…]()`)
  const text = placeholders.join('\n')
  view.dispatch({
    changes: { from: pos, insert: text },
    selection: { anchor: pos + text.length },
    userEvent: 'input.paste',
  })
  files.forEach((file, i) => {
    const placeholder = placeholders[i]!
    readBase64(file)
      .then((base64) => store(base64, file.type))
      .then(
        (path) => replacePlaceholder(view, placeholder, `![](${path})`),
        (error: Error) => {
          replacePlaceholder(view, placeholder, '')
          onError(`The image was not stored: ${error.message}`)
        },
      )
  })
}

/** Swap a placeholder for its final text, wherever edits meanwhile have moved it. */
function replacePlaceholder(view: EditorView, placeholder: string, insert: string): void {
  const at = view.state.doc.toString().indexOf(placeholder)
  if (at < 0) return
  view.dispatch({
    changes: { from: at, to: at + placeholder.length, insert },
    userEvent: 'input.paste',
  })
}

/** Paste and drop handlers that store images through `store`; `onError` hears failures. */
export function imagePaste(store: StoreImage, onError: (message: string) => void) {
  return EditorView.domEventHandlers({
    paste(event, view) {
      const files = imageFiles(event.clipboardData)
      if (files.length === 0) return false
      event.preventDefault()
      insertImages(view, files, view.state.selection.main.from, store, onError)
      return true
    },
    drop(event, view) {
      const files = imageFiles(event.dataTransfer)
      if (files.length === 0) return false
      event.preventDefault()
      const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.doc.length
      insertImages(view, files, pos, store, onError)
      return true
    },
  })
}
