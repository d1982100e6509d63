/** The renderer shows numbers exactly as the exported forms do: one formatting module for both. */
export * from '../../shared/domain/format.ts';
