import type { PostcodeOptions, PostcodeResult } from "../shared/address/postcode-search";

/**
 * A result as the postcode search documents it: the user picked the road address of
 * 강남파이낸스센터. Only the fields the form reads matter; the rest show the real shape.
 */
export const GANGNAM_RESULT: PostcodeResult & Record<string, string> = {
  zonecode: "06236",
  address: "서울 강남구 테헤란로 152",
  addressType: "R",
  userSelectedType: "R",
  roadAddress: "서울 강남구 테헤란로 152",
  jibunAddress: "서울 강남구 역삼동 737",
  autoRoadAddress: "",
  buildingName: "강남파이낸스센터",
  bname: "역삼동",
  sido: "서울",
  sigungu: "강남구",
};

/**
 * Stands in for the Kakao postcode script: `window.daum.Postcode` answers the first embed with
 * `result`, as a user picking it would. Returns how many searches were embedded, and the undo.
 */
export function installFakePostcode(result: PostcodeResult) {
  const embeds: HTMLElement[] = [];
  class FakePostcode {
    constructor(private readonly options: PostcodeOptions) {}
    embed(element: HTMLElement) {
      embeds.push(element);
      setTimeout(() => this.options.oncomplete(result), 0);
    }
    open() {
      setTimeout(() => this.options.oncomplete(result), 0);
    }
  }
  window.daum = { Postcode: FakePostcode };
  return {
    embeds,
    uninstall: () => {
      delete window.daum;
    },
  };
}
