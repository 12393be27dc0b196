// Server-side PDF documents: what modules import.
export { PdfWriter, type PdfMeta, type TableColumn } from './document.ts';
