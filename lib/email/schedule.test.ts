import { describe, expect, it } from "vitest";
import { describeSchedule } from "./schedule.ts";

describe("describeSchedule", () => {
  it("puts the default weekly schedule in words", () => {
    expect(describeSchedule("0 8 * * 1", "UTC")).toBe("every Monday at 08:00 UTC");
  });
  it("reads day names, lists, ranges and Sunday as 0 or 7", () => {
    expect(describeSchedule("30 7 * * fri", "Europe/Berlin")).toBe("every Friday at 07:30 Europe/Berlin");
    expect(describeSchedule("5 9 * * 1,3", "UTC")).toBe("every Monday and Wednesday at 09:05 UTC");
    expect(describeSchedule("0 6 * * 1-5", "UTC")).toBe("every Monday, Tuesday, Wednesday, Thursday and Friday at 06:00 UTC");
    expect(describeSchedule("0 6 * * 7", "UTC")).toBe("every Sunday at 06:00 UTC");
    expect(describeSchedule("0 6 * * *", "UTC")).toBe("every day at 06:00 UTC");
  });
  it("shows anything else as the expression", () => {
    expect(describeSchedule("*/15 8 * * 1", "UTC")).toBe("on the schedule “*/15 8 * * 1” (UTC)");
    expect(describeSchedule("0 8 1 * *", "UTC")).toBe("on the schedule “0 8 1 * *” (UTC)");
    expect(describeSchedule("0 8 * * 1/2", "UTC")).toBe("on the schedule “0 8 * * 1/2” (UTC)");
  });
});
