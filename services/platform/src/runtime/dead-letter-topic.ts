/** The dead-letter topic of `appId`'s subscription to `topic`, unless the subscription names its own. */
export const deadLetterTopicOf = (topic: string, appId: string): string => `${topic}.${appId}.dead-letter`;

/** How many dead letters a service lists at most: the ops view shows the newest. */
export const DEAD_LETTER_PAGE = 200;
