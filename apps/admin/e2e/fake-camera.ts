import { writeFileSync } from "node:fs";
import bwipjs from "bwip-js/node";
import { PNG } from "pngjs";

/**
 * A video for Chromium's fake camera (`--use-file-for-fake-video-capture`): `text` as a barcode
 * (Code 128 unless told) on white, a few identical frames of Y4M (4:2:0, grey: U and V all 128).
 * written to `file`.
 */
export async function barcodeVideo(file: string, text: string, bcid = "code128"): Promise<void> {
  const png = PNG.sync.read(
    await bwipjs.toBuffer({
      bcid,
      text,
      scale: 3,
      height: 15,
      includetext: false,
      backgroundcolor: "FFFFFF",
    }),
  );
  const margin = 60;
  // Even sides for 4:2:0; at least a camera's VGA.
  const even = (n: number) => n + (n % 2);
  const width = even(Math.max(640, png.width + 2 * margin));
  const height = even(Math.max(480, png.height + 2 * margin));
  const left = Math.floor((width - png.width) / 2);
  const top = Math.floor((height - png.height) / 2);

  const luma = Buffer.alloc(width * height, 255);
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const alpha = png.data[i + 3]! / 255;
      const grey = 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!;
      luma[(top + y) * width + left + x] = Math.round(grey * alpha + 255 * (1 - alpha));
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, frame, frame, frame]));
}
