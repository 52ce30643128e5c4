import type { CameraControl } from "@/lib/validation/generation";

export const AXES = [
  { axis: "horizontal", label: "Horizontal", minus: "left", plus: "right" },
  { axis: "vertical", label: "Vertical", minus: "down", plus: "up" },
  { axis: "zoom", label: "Zoom", minus: "closer", plus: "wider" },
  { axis: "pan", label: "Pan", minus: "turn left", plus: "turn right" },
  { axis: "tilt", label: "Tilt", minus: "tilt down", plus: "tilt up" },
  { axis: "roll", label: "Roll", minus: "counter-clockwise", plus: "clockwise" },
] as const;

export const MASTER_SHOTS = [
  { shot: "down_back", label: "Move down & pull back", hint: "Descends while zooming out" },
  { shot: "forward_up", label: "Push in & tilt up", hint: "Advances while looking up" },
  { shot: "right_turn_forward", label: "Turn right & advance", hint: "Rotates right, then moves forward" },
  { shot: "left_turn_forward", label: "Turn left & advance", hint: "Rotates left, then moves forward" },
] as const;

/** In words: what a move does ("Tilt +6: tilt up"). */
export function describeCamera(camera: CameraControl | null): string {
  if (!camera) return "Automatic: a gentle move chosen for the shot";
  if (camera.type === "master") return MASTER_SHOTS.find((m) => m.shot === camera.shot)!.label;
  const axis = AXES.find((a) => a.axis === camera.axis)!;
  const sign = camera.value > 0 ? "+" : "";
  return `${axis.label} ${sign}${camera.value}: ${camera.value > 0 ? axis.plus : axis.minus}`;
}

/**
 * The move as a CSS transform of the picture at the end of the shot (the camera moving right
 * shows the picture sliding left, and so on). Magnitude is proportional to the value.
 */
export function endTransform(camera: CameraControl | null): string {
  if (!camera) return "scale(1.06) translate(-1.5%, -1%)";
  if (camera.type === "master") {
    switch (camera.shot) {
      case "down_back":
        return "translateY(-8%) scale(0.86)";
      case "forward_up":
        return "translateY(9%) scale(1.22) rotateX(-8deg)";
      case "right_turn_forward":
        return "rotateY(-14deg) scale(1.18) translateX(-6%)";
      case "left_turn_forward":
        return "rotateY(14deg) scale(1.18) translateX(6%)";
    }
  }
  const v = camera.value / 10;
  switch (camera.axis) {
    case "horizontal":
      return `translateX(${-12 * v}%)`;
    case "vertical":
      return `translateY(${12 * v}%)`;
    case "zoom":
      return `scale(${1 - 0.28 * v})`;
    case "pan":
      return `rotateY(${-22 * v}deg)`;
    case "tilt":
      return `rotateX(${-18 * v}deg)`;
    case "roll":
      return `rotate(${20 * v}deg)`;
  }
}
