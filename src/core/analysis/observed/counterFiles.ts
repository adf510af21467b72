// The counter files of a run now live with the run reader (src/core/runs/counterFiles.ts); re-exported here so
// imports of the former path keep working.
export * from '../../runs/counterFiles';
