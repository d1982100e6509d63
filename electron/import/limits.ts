/**
 * Limits for untrusted files. Township sheets are small; the ceilings are set so that the whole
 * city in one workbook (37万 member rows, ~30 MB .xlsx) still passes, while a crafted file is stopped
 * before it can exhaust memory (reliability-and-security.md §3).
 */
export const LIMITS = {
  maxFileBytes: 150 * 1024 * 1024,
  maxZipEntries: 2_000,
  /** Declared uncompressed size of one part, and of all parts together. */
  maxEntryBytes: 800 * 1024 * 1024,
  maxTotalBytes: 1_500 * 1024 * 1024,
  /** XML compresses 10–30×; a part that claims much more is a bomb, not a spreadsheet. */
  maxRatio: 200,
  /** Shared strings are held in memory; the city file needs ~60 MB of XML for them. */
  maxSharedStringsBytes: 300 * 1024 * 1024,
  maxRowsPerFile: 500_000,
  /**
   * .xls/.et/.ods/.xlsb/XML 2003/HTML are parsed whole by SheetJS (~1 KB of heap per cell): 40 MB of
   * .xls is ~100,000 rows of a township sheet, far more than any township sends in these formats.
   */
  maxSheetjsBytes: 40 * 1024 * 1024,
  /** Rows per sheet on that path: a declared-repeated-rows bomb (.ods) stops here, not at maxRowsPerFile. */
  maxSheetjsRows: 120_000,
  /** Columns a sheet on that path may declare (Excel's own maximum). */
  maxSheetjsColumns: 16_384,
  /** Filled cells an .ods may expand to through its repeat attributes (~150 bytes of heap each). */
  maxSheetjsCells: 5_000_000,
  maxColumns: 300,
  maxMerges: 3_000_000,
  headerScanRows: 30,
  /** Worker backstops: the declared sizes above can lie. */
  workerHeapMb: 1_536,
  workerTimeoutMs: 10 * 60 * 1000,
  /** …raised for large files: two minutes per MB of .xlsx (the city file is ~27 MB). */
  workerMsPerMb: 2 * 60 * 1000,
  /** Reported errors/warnings per file; the totals are always exact. */
  maxReportedIssues: 5_000,
  /** Changes listed in a report (the count is exact): enough to read, small enough to send. */
  maxReportedChanges: 2_000,
} as const;

/**
 * Tuning: sizes that set speed and memory, not what a file may contain. Changing one changes no
 * result, only how fast it comes and how much memory it takes (check with `npm run bench`).
 */
export const TUNING = {
  /** Batches the reader thread may run ahead of the writer (each a few hundred rows). */
  readerWindow: 8,
  /** Rows per batch from the whole-file readers (CSV, SheetJS formats). */
  sourceBatchRows: 2_000,
  /** Slots of the decoded shared-string cache; must be a power of two. */
  stringCacheSlots: 4_096,
  /** Region-name memo sizes: cleared when full, since a hostile file may name a new place every row. */
  regionCacheEntries: 50_000,
  /** Bulk loading (indexes and triggers off) pays only from this many rows up. */
  bulkMinRows: 50_000,
  /** Beyond this many refused people a file is too broken to judge whose roster is complete. */
  maxRefusedIds: 100_000,
  /** A stopped worker that has not rolled back after this long is terminated. */
  workerKillGraceMs: 15_000,
} as const;
