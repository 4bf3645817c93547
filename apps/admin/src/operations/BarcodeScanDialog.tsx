import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from "@mui/material";
// Only a type: the library itself is loaded when a scan starts (see startDecoding).
import type { DecodeHintType as HintType } from "@zxing/library";
import { useEffect, useRef, useState } from "react";
import { useTranslate } from "react-admin";

/** Why the camera could not be used; each has a sentence under `ssp.today.scan.*`. */
export type ScanProblem = "insecure" | "noCamera" | "denied" | "failed";

/** The browser's own detector (Chrome on Android and macOS); not in TypeScript's DOM types yet. */
interface NativeBarcodeDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface NativeBarcodeDetectorClass {
  new (options?: { formats: string[] }): NativeBarcodeDetector;
  getSupportedFormats(): Promise<string[]>;
}

/** What serial labels carry: linear codes and the two common 2D codes. */
const NATIVE_FORMATS = [
  "code_128",
  "code_39",
  "ean_13",
  "ean_8",
  "upc_a",
  "upc_e",
  "itf",
  "qr_code",
  "data_matrix",
];

const CAMERA: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
};

function problemOf(error: unknown): ScanProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "NotReadableError") {
    return "noCamera";
  }
  return "failed";
}

/** A native detector for the serial-label formats this browser can read, or null. */
async function nativeDetector(): Promise<NativeBarcodeDetector | null> {
  const Detector = (globalThis as { BarcodeDetector?: NativeBarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const supported = await Detector.getSupportedFormats();
    const formats = NATIVE_FORMATS.filter((f) => supported.includes(f));
    return formats.length > 0 ? new Detector({ formats }) : null;
  } catch {
    return null;
  }
}

/**
 * Reads frames from `video` (already showing `stream`) until a code is found; returns a stop
 * function. Uses the browser's BarcodeDetector when it has one, else ZXing, loaded only now so
 * the main bundle does not carry it.
 */
async function startDecoding(
  stream: MediaStream,
  video: HTMLVideoElement,
  onText: (text: string) => void,
): Promise<() => void> {
  const native = await nativeDetector();
  if (native) {
    video.srcObject = stream;
    await video.play();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (stopped) return;
      try {
        const found = (await native.detect(video)).find((c) => c.rawValue.trim() !== "");
        if (found && !stopped) return onText(found.rawValue);
      } catch {
        // A frame that is not ready yet: try the next one.
      }
      if (!stopped) timer = setTimeout(tick, 150);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }
  const [{ BrowserMultiFormatReader }, { BarcodeFormat, DecodeHintType }] = await Promise.all([
    import("@zxing/browser"),
    import("@zxing/library"),
  ]);
  const hints = new Map<HintType, unknown>([
    [
      DecodeHintType.POSSIBLE_FORMATS,
      [
        BarcodeFormat.CODE_128,
        BarcodeFormat.CODE_39,
        BarcodeFormat.EAN_13,
        BarcodeFormat.EAN_8,
        BarcodeFormat.UPC_A,
        BarcodeFormat.UPC_E,
        BarcodeFormat.ITF,
        BarcodeFormat.QR_CODE,
        BarcodeFormat.DATA_MATRIX,
      ],
    ],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  const reader = new BrowserMultiFormatReader(hints, { delayBetweenScanAttempts: 150 });
  const controls = await reader.decodeFromStream(stream, video, (result, _error, ctl) => {
    const text = result?.getText().trim();
    if (text) {
      ctl.stop();
      onText(text);
    }
  });
  return () => controls.stop();
}

/**
 * 바코드 스캔: the phone's rear camera in a dialog with a live preview, reading the serial label
 * continuously; the first code read is handed to `onDetected` and the camera is turned off. When
 * there is no camera, no permission or no secure connection, it says so and typing still works.
 */
export function BarcodeScanDialog({
  open,
  onClose,
  onDetected,
}: {
  open: boolean;
  onClose: () => void;
  onDetected: (text: string) => void;
}) {
  const translate = useTranslate();
  // The preview element, once the dialog has put it on the page (a state, so the camera starts then).
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [problem, setProblem] = useState<ScanProblem | null>(null);
  const [starting, setStarting] = useState(true);
  // The latest callbacks, so the camera is not restarted when the parent re-renders.
  const detected = useRef(onDetected);
  useEffect(() => {
    detected.current = onDetected;
  }, [onDetected]);

  useEffect(() => {
    if (!open || !video) return;
    setProblem(null);
    setStarting(true);
    let cancelled = false;
    let stream: MediaStream | null = null;
    let stopDecoding: (() => void) | null = null;
    const release = () => {
      stopDecoding?.();
      stopDecoding = null;
      for (const track of stream?.getTracks() ?? []) track.stop();
      stream = null;
      video.srcObject = null;
    };

    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setProblem(window.isSecureContext === false ? "insecure" : "noCamera");
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia(CAMERA);
        if (cancelled) return release();
        const stop = await startDecoding(stream, video, (text) => {
          if (cancelled) return;
          cancelled = true;
          release();
          detected.current(text);
        });
        if (cancelled) stop();
        else stopDecoding = stop;
      } catch (error) {
        release();
        if (!cancelled) setProblem(problemOf(error));
      } finally {
        if (!cancelled) setStarting(false);
      }
    })();

    return () => {
      cancelled = true;
      release();
    };
  }, [open, video]);

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate("ssp.today.scan.title")}</DialogTitle>
      <DialogContent>
        {problem ? (
          <Alert severity="warning" data-testid="barcode-scan-problem">
            {translate(`ssp.today.scan.${problem}`)}
          </Alert>
        ) : null}
        {/* Stays on the page while the dialog is open (hidden on a problem) so the camera is not restarted. */}
        <Box
          component="video"
          ref={setVideo}
          muted
          playsInline
          autoPlay
          data-testid="barcode-scan-preview"
          sx={{
            width: "100%",
            maxHeight: "60vh",
            bgcolor: "black",
            borderRadius: 1,
            display: problem ? "none" : "block",
          }}
        />
        {problem ? null : (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate(starting ? "ssp.today.scan.starting" : "ssp.today.scan.hint")}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate("ssp.today.scan.typeInstead")}</Button>
      </DialogActions>
    </Dialog>
  );
}
