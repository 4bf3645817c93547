/**
 * The Kakao (Daum) postcode search (우편번호 서비스), loaded only when someone asks for it: the
 * admin and the application page work without it (offline, blocked), the address typed by hand.
 * The service's guide documents what `oncomplete` receives; we keep the three parts we store.
 */
export const POSTCODE_SCRIPT_URL = "https://t1.daumcdn.net/mapjsapi/bundle/postcode/prod/postcode.v2.js";

/** A search result, as documented (fields we read; the service sends more). "" when absent. */
export interface PostcodeResult {
  /** 우편번호 (기초구역번호), five digits. */
  zonecode: string;
  /** The address of the type the user picked (road or jibun). */
  address: string;
  roadAddress: string;
  jibunAddress: string;
  /** A road address the service inferred when a jibun address was picked. */
  autoRoadAddress?: string;
  userSelectedType?: "R" | "J";
}

export interface PostcodeOptions {
  oncomplete: (data: PostcodeResult) => void;
  width?: string | number;
  height?: string | number;
}

export interface PostcodeWidget {
  embed: (element: HTMLElement, options?: { autoClose?: boolean }) => void;
  open: () => void;
}

export type PostcodeConstructor = new (options: PostcodeOptions) => PostcodeWidget;

interface PostcodeNamespace {
  Postcode?: PostcodeConstructor;
  postcode?: { load?: (ready: () => void) => void };
}

declare global {
  interface Window {
    daum?: PostcodeNamespace;
    /** The same service under Kakao's name, in newer versions of the script. */
    kakao?: PostcodeNamespace;
  }
}

/** How long the script may take before the search counts as unavailable. */
const LOAD_TIMEOUT_MS = 10_000;

function loadedConstructor(): PostcodeConstructor | undefined {
  return window.kakao?.Postcode ?? window.daum?.Postcode;
}

let loading: Promise<PostcodeConstructor> | undefined;

/** The search's constructor, loading the script the first time; rejects when it cannot load. */
export function loadPostcodeSearch(): Promise<PostcodeConstructor> {
  const ready = loadedConstructor();
  if (ready) return Promise.resolve(ready);
  loading ??= new Promise<PostcodeConstructor>((resolve, reject) => {
    const script = document.createElement("script");
    const timer = window.setTimeout(
      () => fail(new Error("The postcode search did not load in time")),
      LOAD_TIMEOUT_MS,
    );
    function fail(error: Error) {
      window.clearTimeout(timer);
      script.remove();
      // A later click tries again: the connection may be back.
      loading = undefined;
      reject(error);
    }
    script.src = POSTCODE_SCRIPT_URL;
    script.async = true;
    script.onerror = () => fail(new Error("The postcode search could not be loaded"));
    script.onload = () => {
      const done = () => {
        const Postcode = loadedConstructor();
        if (!Postcode) return fail(new Error("The postcode script has no Postcode"));
        window.clearTimeout(timer);
        resolve(Postcode);
      };
      // With autoload the constructor is there at once; otherwise the loader brings it.
      const load = (window.kakao ?? window.daum)?.postcode?.load;
      if (loadedConstructor() || !load) done();
      else load(done);
    };
    document.head.appendChild(script);
  });
  return loading;
}

/**
 * The parts we store from a result: the postcode and the road address (도로명주소), falling back
 * to the inferred road address, then to whatever address was picked, then the jibun address.
 */
export function addressFromResult(data: PostcodeResult): { postcode: string; road: string } {
  return {
    postcode: data.zonecode,
    road: data.roadAddress || data.autoRoadAddress || data.address || data.jibunAddress,
  };
}
