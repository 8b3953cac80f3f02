// The umbrella module: `import MLFit` brings in every public API of mlfit. It only
// re-exports; code lives in the layer modules.
@_exported import MLData
@_exported import MLEngine
@_exported import MLModels
@_exported import MLNumerics
