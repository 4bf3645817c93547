import { Box, Button, Stack, Typography } from "@mui/material";
import { type PointerEvent, useEffect, useRef } from "react";
import { ko } from "../strings";

const HEIGHT = 180;

/**
 * A drawn signature: pointer events cover mouse, pen and touch alike. The bitmap is sized to the
 * device's pixel ratio so strokes stay sharp, and after every stroke the drawing is handed up as a
 * PNG data URL (null once cleared). The 2D context is only asked for on the first stroke.
 */
export function SignaturePad(props: { onChange: (dataUrl: string | null) => void }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const inked = useRef(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    canvas.width = Math.max(1, Math.round((canvas.clientWidth || 320) * ratio));
    canvas.height = Math.round(HEIGHT * ratio);
  }, []);

  function context(): CanvasRenderingContext2D | null {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d") ?? null;
    if (ctx && canvas) {
      ctx.lineWidth = 2.5 * (canvas.width / Math.max(1, canvas.clientWidth || canvas.width));
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      ctx.strokeStyle = "#111";
    }
    return ctx;
  }

  function point(event: PointerEvent<HTMLCanvasElement>) {
    const canvas = event.currentTarget;
    const rect = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) * canvas.width) / Math.max(1, rect.width),
      y: ((event.clientY - rect.top) * canvas.height) / Math.max(1, rect.height),
    };
  }

  function start(event: PointerEvent<HTMLCanvasElement>) {
    const ctx = context();
    if (!ctx) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drawing.current = true;
    const { x, y } = point(event);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 0.1, y + 0.1);
    ctx.stroke();
  }

  function move(event: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    const ctx = context();
    if (!ctx) return;
    const { x, y } = point(event);
    ctx.lineTo(x, y);
    ctx.stroke();
    inked.current = true;
  }

  function end(event: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    drawing.current = false;
    event.currentTarget.releasePointerCapture?.(event.pointerId);
    if (inked.current) props.onChange(event.currentTarget.toDataURL("image/png"));
  }

  function clear() {
    const canvas = canvasRef.current;
    const ctx = canvas ? context() : null;
    if (canvas && ctx) ctx.clearRect(0, 0, canvas.width, canvas.height);
    inked.current = false;
    props.onChange(null);
  }

  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="text.secondary">
        {ko.signing.drawHelp}
      </Typography>
      <Box
        component="canvas"
        ref={canvasRef}
        data-testid="signature-canvas"
        role="img"
        aria-label={ko.signing.canvasLabel}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
        onPointerLeave={end}
        sx={{
          width: "100%",
          height: HEIGHT,
          display: "block",
          bgcolor: "#fff",
          border: "1px dashed",
          borderColor: "grey.500",
          borderRadius: 1,
          touchAction: "none",
          cursor: "crosshair",
        }}
      />
      <Box>
        <Button size="small" onClick={clear} data-testid="signature-clear">
          {ko.signing.clear}
        </Button>
      </Box>
    </Stack>
  );
}
