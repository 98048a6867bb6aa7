export * from './table'
export * from './report'
