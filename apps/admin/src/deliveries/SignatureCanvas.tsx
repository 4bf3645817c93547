import { Box, Button } from "@mui/material";
import { useRef } from "react";
import { useTranslate } from "react-admin";

/**
 * A finger or mouse signature pad. Pointer events cover touch, pen and mouse alike; after each
 * stroke the drawing is handed out as a PNG data URL (null once cleared).
 */
export function SignatureCanvas({ onChange }: { onChange: (dataUrl: string | null) => void }) {
  const translate = useTranslate();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  const context = () => canvas.current?.getContext("2d") ?? null;
  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    // The bitmap is fixed-size; scale from the CSS box the user sees.
    return {
      x: ((e.clientX - rect.left) * e.currentTarget.width) / (rect.width || 1),
      y: ((e.clientY - rect.top) * e.currentTarget.height) / (rect.height || 1),
    };
  };

  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const ctx = context();
    if (!ctx) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = true;
    const { x, y } = point(e);
    ctx.lineWidth = 3;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#111";
    ctx.beginPath();
    ctx.moveTo(x, y);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const ctx = context();
    if (!drawing.current || !ctx) return;
    const { x, y } = point(e);
    ctx.lineTo(x, y);
    ctx.stroke();
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    onChange(canvas.current?.toDataURL("image/png") ?? null);
  };
  const clear = () => {
    const el = canvas.current;
    el?.getContext("2d")?.clearRect(0, 0, el.width, el.height);
    onChange(null);
  };

  return (
    <Box>
      <canvas
        ref={canvas}
        width={600}
        height={200}
        data-testid="signature-canvas"
        aria-label={translate("ssp.deliveries.signatureArea")}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={up}
        style={{
          width: "100%",
          maxWidth: 600,
          aspectRatio: "3 / 1",
          border: "1px dashed #888",
          borderRadius: 4,
          touchAction: "none",
          background: "#fff",
        }}
      />
      <Box>
        <Button size="small" onClick={clear}>
          {translate("ssp.deliveries.clearSignature")}
        </Button>
      </Box>
    </Box>
  );
}
