/** Name material for generated households and villages (common in 会宁/靖远; any resemblance to real people is chance). */
import type { Random } from './random.ts';

const SURNAMES = ['张', '王', '李', '刘', '杨', '陈', '马', '赵', '魏', '柴', '党', '郭', '孙', '何', '罗', '韩', '曹', '冯', '田', '牛', '任', '朱', '高', '汪', '苟', '景', '包', '蔡', '梁', '周'];
const MALE = ['建国', '国强', '志刚', '永平', '正明', '海军', '保平', '文华', '振华', '学军', '宏伟', '小军', '俊杰', '浩然', '子涵', '宇轩', '明', '强', '军', '斌', '鹏', '涛', '亮', '伟', '刚', '勇', '平安', '德福', '满仓', '有才'];
const FEMALE = ['秀英', '桂兰', '玉兰', '淑珍', '兰英', '彩霞', '丽娟', '红梅', '小燕', '海燕', '芳', '静', '丽', '敏', '娟', '霞', '梅', '婷', '欣怡', '梓涵', '雨萱', '佳怡', '金花', '翠兰', '春梅', '改改', '爱琴', '秀兰', '玉梅', '晓丽'];
const VILLAGE_HEADS = ['张', '王', '李', '刘', '杨', '马', '柴', '魏', '党', '郭', '大', '小', '上', '下', '东', '西', '南', '北', '新', '红', '青', '石', '沙', '黄', '白'];
const VILLAGE_TAILS = ['家湾', '家岔', '家沟', '家庄', '家塬', '家川', '家坪', '家寨', '河', '岘', '山', '滩', '堡', '咀', '梁', '坡', '台', '峡', '源', '集'];

export function personName(rng: Random, surname: string, sex: '男' | '女'): string {
  return surname + rng.pick(sex === '男' ? MALE : FEMALE);
}

export function surname(rng: Random): string {
  return rng.pick(SURNAMES);
}

/** Distinct village names for one township. */
export function villageNames(rng: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) names.add(`${rng.pick(VILLAGE_HEADS)}${rng.pick(VILLAGE_TAILS)}村`);
  return [...names];
}
