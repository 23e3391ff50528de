/**
 * The lesson format: schema, front matter, loader with located errors, playback stops and the
 * headless walk-through. Pure; the caller reads the files.
 */
export { splitFrontMatter, type FrontMatterSplit } from './front-matter';
export { LESSON_FILES, LESSON_ID, loadLesson, type Lesson, type LessonFiles, type LessonLoadOptions, type LessonLoadResult } from './load';
export { firstHolding, type HoldOptions } from './playback';
export {
  FrontMatterSchema, LessonActionSchema, LEVELS, QuestionSchema, StepSchema, StepsSchema, TaskSchema,
  type FrontMatter, type LessonAction, type Question, type Step, type Task,
} from './schema';
export { lessonIntervention, walkLesson, type WalkProblem } from './walk';
