import jsQR from 'jsqr';

/** Rasterises a drawn QR `<svg>` the way a phone camera would see it and decodes it. */
export async function decodeQrSvg(svgElement: SVGSVGElement, size = 480): Promise<string | null> {
  const markup = new XMLSerializer().serializeToString(svgElement);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image(size, size);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size, size);
    context.drawImage(image, 0, 0, size, size);
    const pixels = context.getImageData(0, 0, size, size);
    return jsQR(pixels.data, size, size)?.data ?? null;
  } finally {
    URL.revokeObjectURL(url);
  }
}
