export const diagram = {
  fullScreen: 'Full screen',
  fullScreenLabel: 'Open the diagram full screen, to pan and zoom',
  source: 'Diagram source',
  failed: 'This diagram could not be drawn; its source is shown below.',
  dialogLabel: (kind: string) => `The ${kind}, full screen: drag to move, pinch or use the buttons to zoom`,
  genericKind: 'diagram',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fit: 'Fit',
  fitLabel: 'Fit to the screen',
  close: 'Close',
  closeLabel: 'Close the full-screen diagram',
};
